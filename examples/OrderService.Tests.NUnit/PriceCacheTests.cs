using System;
using System.Threading.Tasks;
using LeakCheck.NUnit;
using NUnit.Framework;

namespace OrderService.Tests;

[NoLeaks]
public class PriceCacheTests
{
    [Test]
    public async Task Prices_are_reloaded_on_schedule()
    {
        var catalogue = new FakePriceSource { ["SKU-1"] = 10m };
        using var cache = new PriceCache(catalogue, refreshEvery: TimeSpan.FromMilliseconds(50));
        var order = new Order(1, "ada", "SKU-1", 2);
        Assert.That(cache.Total(order), Is.EqualTo(20m));

        catalogue["SKU-1"] = 12m;
        await Eventually.WaitUntilAsync(() => cache.PriceOf("SKU-1") == 12m);

        Assert.That(cache.Total(order), Is.EqualTo(24m));
    }
}
