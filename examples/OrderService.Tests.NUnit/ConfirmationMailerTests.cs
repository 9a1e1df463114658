using LeakCheck;
using LeakCheck.NUnit;
using NUnit.Framework;

namespace OrderService.Tests;

[NoLeaks]
public class ConfirmationMailerTests
{
    [Test]
    public void Submitted_order_gets_a_confirmation()
    {
        using var mailer = new ConfirmationMailer();
        LeakTracker.Track(mailer, "confirmation mailer"); // must be garbage once the test is over

        OrderEvents.Raise(new Order(1, "ada", "SKU-1", 2));

        Assert.That(mailer.Sent, Is.EqualTo(new[] { 1 }));
    }
}
