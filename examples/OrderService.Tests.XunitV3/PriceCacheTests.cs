using System;
using System.Threading.Tasks;
using LeakCheck.XunitV3;
using Xunit;

namespace OrderService.Tests;

[NoLeaks]
public class PriceCacheTests
{
    [Fact]
    public async Task Prices_are_reloaded_on_schedule()
    {
        var catalogue = new FakePriceSource { ["SKU-1"] = 10m };
        using var cache = new PriceCache(catalogue, refreshEvery: TimeSpan.FromMilliseconds(50));
        var order = new Order(1, "ada", "SKU-1", 2);
        Assert.Equal(20m, cache.Total(order));

        catalogue["SKU-1"] = 12m;
        await Eventually.WaitUntilAsync(() => cache.PriceOf("SKU-1") == 12m);

        Assert.Equal(24m, cache.Total(order));
    }
}
