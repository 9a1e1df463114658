namespace OrderService;

/// <summary>An order for <paramref name="Quantity"/> units of one product.</summary>
public sealed record Order(int Id, string Customer, string Sku, int Quantity);
