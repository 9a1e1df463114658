using System;
using System.Threading.Tasks;
using LeakCheck.MSTest;
using Microsoft.VisualStudio.TestTools.UnitTesting;

namespace OrderService.Tests;

[TestClass]
[NoLeaks]
public sealed class InventoryClientTests
{
    [TestMethod]
    public async Task Reservation_is_retried_while_the_warehouse_is_down()
    {
        var warehouse = new FakeWarehouse { IsDown = true };
        using var inventory = new InventoryClient(warehouse, retryDelay: TimeSpan.FromMilliseconds(100));

        var reservation = inventory.ReserveAsync(new Order(1, "ada", "SKU-1", 2));
        await Eventually.WaitUntilAsync(() => warehouse.Attempts >= 2);

        Assert.IsFalse(reservation.IsCompleted);
    }
}
