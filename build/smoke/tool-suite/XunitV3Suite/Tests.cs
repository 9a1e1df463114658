using Xunit;

namespace XunitV3Suite;

public class Tests
{
    [Fact]
    public void Leaky() => Helpers.Poller.Start();

    [Fact]
    public void Clean() => Helpers.Poller.StartAndStop();
}
