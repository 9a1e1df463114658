using System.Collections.Concurrent;
using System.Collections.Generic;

namespace OrderService.Tests;

/// <summary>A price catalogue the test can change while the cache is running.</summary>
public sealed class FakePriceSource : IPriceSource
{
    private readonly ConcurrentDictionary<string, decimal> _prices = new();

    public decimal this[string sku]
    {
        set => _prices[sku] = value;
    }

    public IReadOnlyDictionary<string, decimal> LoadPrices() => new Dictionary<string, decimal>(_prices);
}
