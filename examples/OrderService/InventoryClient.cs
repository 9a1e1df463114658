using System;
using System.Threading;
using System.Threading.Tasks;

namespace OrderService;

/// <summary>Reserves stock for orders, retrying with a delay while the warehouse cannot be reached.</summary>
/// <remarks>
/// Leak (leaky build): Dispose cancels the client's token, but the retry loop waits with a Task.Delay that
/// ignores it, so a reservation for a warehouse that stays down keeps retrying after the client is disposed.
/// </remarks>
public sealed class InventoryClient : IDisposable
{
    private readonly IWarehouse _warehouse;
    private readonly TimeSpan _retryDelay;
    private readonly CancellationTokenSource _disposed = new();

    public InventoryClient(IWarehouse warehouse, TimeSpan retryDelay)
    {
        _warehouse = warehouse;
        _retryDelay = retryDelay;
    }

    /// <summary>Reserves stock for <paramref name="order"/>; completes once the warehouse confirmed it.</summary>
    public Task ReserveAsync(Order order) => ReserveWithRetriesAsync(order, _disposed.Token);

    public void Dispose() => _disposed.Cancel();

    private async Task ReserveWithRetriesAsync(Order order, CancellationToken cancellationToken)
    {
        while (!_warehouse.TryReserve(order))
        {
#if FIXED
            await Task.Delay(_retryDelay, cancellationToken);
#else
            await Task.Delay(_retryDelay);
#endif
        }
    }
}
