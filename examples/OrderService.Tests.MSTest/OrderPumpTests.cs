using System;
using System.Threading.Tasks;
using LeakCheck.MSTest;
using Microsoft.VisualStudio.TestTools.UnitTesting;

namespace OrderService.Tests;

[TestClass]
[NoLeaks]
public sealed class OrderPumpTests
{
    [TestMethod]
    public async Task Submitted_order_is_processed_in_the_background()
    {
        var processed = new TaskCompletionSource<Order>(TaskCreationOptions.RunContinuationsAsynchronously);
        using var pump = new OrderPump(order =>
        {
            processed.TrySetResult(order);
            return ValueTask.CompletedTask;
        });

        await pump.SubmitAsync(new Order(1, "ada", "SKU-1", 2));

        Assert.AreEqual(1, (await processed.Task.WaitAsync(TimeSpan.FromSeconds(10))).Id);
    }
}
