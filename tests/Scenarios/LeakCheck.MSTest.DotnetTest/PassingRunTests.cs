using System.Collections.Generic;
using LeakCheck;
using LeakCheck.MSTest;
using Microsoft.VisualStudio.TestTools.UnitTesting;

[assembly: Parallelize(Scope = ExecutionScope.MethodLevel)]

namespace DotnetTestScenario;

/// <summary>A passing run with one leak: warn mode keeps the test's outcome, and the JSON report lists the leak.</summary>
[TestClass]
[NoLeaks(Mode = LeakCheckMode.Warn)]
public sealed class PassingRunTests
{
    private static readonly List<object> s_cache = [];

    [TestMethod]
    public void Keeps_a_tracked_object()
    {
        var item = new object();
        LeakTracker.Track(item, "cached item");
        lock (s_cache)
        {
            s_cache.Add(item);
        }
    }

    [TestMethod]
    public void Clean() => LeakTracker.Track(new object(), "garbage");
}
