using System.Linq;
using LeakCheck;
using LeakCheck.MSTest;
using Microsoft.VisualStudio.TestTools.UnitTesting;

namespace OrderService.Tests;

[TestClass]
[NoLeaks]
public sealed class ConfirmationMailerTests
{
    [TestMethod]
    public void Submitted_order_gets_a_confirmation()
    {
        using var mailer = new ConfirmationMailer();
        LeakTracker.Track(mailer, "confirmation mailer"); // must be garbage once the test is over

        OrderEvents.Raise(new Order(1, "ada", "SKU-1", 2));

        CollectionAssert.AreEqual(new[] { 1 }, mailer.Sent.ToList());
    }
}
