namespace OrderService;

/// <summary>The warehouse's stock system, which may be unreachable for a while.</summary>
public interface IWarehouse
{
    /// <summary>Reserves stock for <paramref name="order"/>; false when the warehouse cannot be reached.</summary>
    bool TryReserve(Order order);
}
