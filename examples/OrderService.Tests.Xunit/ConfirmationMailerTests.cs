using LeakCheck.Xunit;
using OrderService;
using Xunit;

namespace OrderService.Tests;

[NoLeaks]
public class ConfirmationMailerTests
{
    [Fact]
    public void Leaky_mailer_sends_a_confirmation()
    {
        using var mailer = new ConfirmationMailer(unsubscribeOnDispose: false);

        OrderEvents.Raise(new Order(1, "ada", 10m));

        Assert.Equal(new[] { 1 }, mailer.Sent);
    }

    [Fact]
    public void Fixed_mailer_sends_a_confirmation()
    {
        using var mailer = new ConfirmationMailer(unsubscribeOnDispose: true);

        OrderEvents.Raise(new Order(2, "grace", 20m));

        Assert.Equal(new[] { 2 }, mailer.Sent);
    }
}
