using System;
using System.Collections.Generic;
using System.Threading;

namespace OrderService;

/// <summary>Keeps the price list in memory and reloads it from the source on a timer.</summary>
/// <remarks>
/// Leak (leaky build): Dispose clears the prices but never disposes the refresh timer. The timer's callback
/// references the cache, which references the timer, and the runtime's timer queue holds the timer: the cache
/// is never collected and keeps reloading prices for the life of the process.
/// </remarks>
public sealed class PriceCache : IDisposable
{
    private readonly IPriceSource _source;
    private readonly Timer _refreshTimer;
    private IReadOnlyDictionary<string, decimal> _prices;

    public PriceCache(IPriceSource source, TimeSpan refreshEvery)
    {
        _source = source;
        _prices = source.LoadPrices();
        _refreshTimer = new Timer(OnRefreshDue, null, refreshEvery, refreshEvery);
    }

    /// <summary>Gets the cached price of <paramref name="sku"/>.</summary>
    public decimal PriceOf(string sku)
        => Volatile.Read(ref _prices).TryGetValue(sku, out var price) ? price : throw new KeyNotFoundException($"No price for SKU {sku}.");

    /// <summary>Gets the price of <paramref name="order"/> at the cached prices.</summary>
    public decimal Total(Order order) => PriceOf(order.Sku) * order.Quantity;

    public void Dispose()
    {
#if FIXED
        _refreshTimer.Dispose();
#endif
        Volatile.Write(ref _prices, new Dictionary<string, decimal>());
    }

    private void OnRefreshDue(object? state) => Volatile.Write(ref _prices, _source.LoadPrices());
}
