using System.Collections.Generic;
using LeakCheck;
using LeakCheck.MSTest;
using Microsoft.VisualStudio.TestTools.UnitTesting;

namespace Smoke;

[TestClass]
[NoLeaks]
public sealed class SmokeTests
{
    private static readonly List<object> s_cache = new();

    [TestMethod]
    public void Leaky()
    {
        var item = new object();
        LeakTracker.Track(item, "cached item");
        s_cache.Add(item);
    }

    [TestMethod]
    public void Clean() => LeakTracker.Track(new object(), "garbage");
}
