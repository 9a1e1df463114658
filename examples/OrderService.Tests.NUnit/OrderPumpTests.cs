using System.Threading.Tasks;
using LeakCheck.NUnit;
using NUnit.Framework;

namespace OrderService.Tests;

[NoLeaks]
public class OrderPumpTests
{
    [Test]
    public async Task Leaky_pump_processes_an_order()
    {
        var pump = new OrderPump(stopOnDispose: false);
        await pump.SubmitAsync(new Order(1, "ada", 10m));

        Assert.That(await pump.NextProcessedAsync(), Is.EqualTo(1));
        pump.Dispose();
    }

    [Test]
    public async Task Fixed_pump_processes_an_order()
    {
        var pump = new OrderPump(stopOnDispose: true);
        await pump.SubmitAsync(new Order(2, "grace", 20m));

        Assert.That(await pump.NextProcessedAsync(), Is.EqualTo(2));
        pump.Dispose();
    }
}
