using Xunit;

namespace XunitSuite;

public class Tests
{
    [Fact]
    public void Leaky() => Helpers.Poller.Start();

    [Fact]
    public void Clean() => Helpers.Poller.StartAndStop();
}
