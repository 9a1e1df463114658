using System;
using System.Threading.Tasks;
using LeakCheck.MSTest;
using Microsoft.VisualStudio.TestTools.UnitTesting;

namespace OrderService.Tests;

[TestClass]
[NoLeaks]
public sealed class PriceCacheTests
{
    [TestMethod]
    public async Task Prices_are_reloaded_on_schedule()
    {
        var catalogue = new FakePriceSource { ["SKU-1"] = 10m };
        using var cache = new PriceCache(catalogue, refreshEvery: TimeSpan.FromMilliseconds(50));
        var order = new Order(1, "ada", "SKU-1", 2);
        Assert.AreEqual(20m, cache.Total(order));

        catalogue["SKU-1"] = 12m;
        await Eventually.WaitUntilAsync(() => cache.PriceOf("SKU-1") == 12m);

        Assert.AreEqual(24m, cache.Total(order));
    }
}
