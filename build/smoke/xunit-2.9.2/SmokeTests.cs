using System.Collections.Generic;
using LeakCheck;
using LeakCheck.Xunit;
using Xunit;

namespace Smoke;

[NoLeaks]
public sealed class SmokeTests : System.IDisposable
{
    private static readonly List<object> s_cache = new();
    private readonly object _perTest = new();

    public SmokeTests() => LeakTracker.Track(_perTest, "per-test object");

    [Fact]
    public void Leaky() => Keep(new object());

    [Fact]
    public void Clean() => LeakTracker.Track(new object(), "garbage");

    public void Dispose()
    {
    }

    private static void Keep(object item)
    {
        LeakTracker.Track(item, "cached item");
        s_cache.Add(item);
    }
}
