using LeakCheck;
using LeakCheck.XunitV3;
using Xunit;

namespace OrderService.Tests;

[NoLeaks]
public class ConfirmationMailerTests
{
    [Fact]
    public void Submitted_order_gets_a_confirmation()
    {
        using var mailer = new ConfirmationMailer();
        LeakTracker.Track(mailer, "confirmation mailer"); // must be garbage once the test is over

        OrderEvents.Raise(new Order(1, "ada", "SKU-1", 2));

        Assert.Equal(new[] { 1 }, mailer.Sent);
    }
}
