using System.Collections.Generic;
using LeakCheck;
using LeakCheck.NUnit;
using NUnit.Framework;

namespace Smoke;

[NoLeaks]
public class SmokeTests
{
    private static readonly List<object> s_cache = new();

    [Test]
    public void Leaky()
    {
        var item = new object();
        LeakTracker.Track(item, "cached item");
        s_cache.Add(item);
    }

    [Test]
    public void Clean() => LeakTracker.Track(new object(), "garbage");
}
