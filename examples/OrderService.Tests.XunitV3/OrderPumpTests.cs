using System;
using System.Threading.Tasks;
using LeakCheck.XunitV3;
using Xunit;

namespace OrderService.Tests;

[NoLeaks]
public class OrderPumpTests
{
    [Fact]
    public async Task Submitted_order_is_processed_in_the_background()
    {
        var processed = new TaskCompletionSource<Order>(TaskCreationOptions.RunContinuationsAsynchronously);
        using var pump = new OrderPump(order =>
        {
            processed.TrySetResult(order);
            return ValueTask.CompletedTask;
        });

        await pump.SubmitAsync(new Order(1, "ada", "SKU-1", 2));

        Assert.Equal(1, (await processed.Task.WaitAsync(TimeSpan.FromSeconds(10), TestContext.Current.CancellationToken)).Id);
    }
}
