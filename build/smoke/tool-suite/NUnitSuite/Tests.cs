using NUnit.Framework;

namespace NUnitSuite;

public class Tests
{
    [Test]
    public void Leaky() => Helpers.Poller.Start();

    [Test]
    public void Clean() => Helpers.Poller.StartAndStop();
}
