using System.Collections.Generic;
using LeakCheck;
using LeakCheck.XunitV3;
using Xunit;

namespace DotnetTestScenario;

/// <summary>A passing run with one leak: warn mode keeps the test's outcome, and the JSON report lists the leak.</summary>
[NoLeaks(Mode = LeakCheckMode.Warn)]
public sealed class PassingRunTests
{
    private static readonly List<object> s_cache = [];

    [Fact]
    public void Keeps_a_tracked_object()
    {
        var item = new object();
        LeakTracker.Track(item, "cached item");
        s_cache.Add(item);
    }

    [Fact]
    public void Clean() => LeakTracker.Track(new object(), "garbage");
}
