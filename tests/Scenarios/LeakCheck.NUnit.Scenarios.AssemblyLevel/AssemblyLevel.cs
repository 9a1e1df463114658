using System.Collections.Generic;
using LeakCheck.NUnit;
using NUnit.Framework;

[assembly: NoLeaks(IgnoreCreatedBy = new[] { "LeakCheck.NUnit.Scenarios.AssemblyLevel.ProcessWideCache" })]

namespace LeakCheck.NUnit.Scenarios.AssemblyLevel;

public class CheckedByTheAssemblyAttribute
{
    private static readonly List<object> s_kept = new();

    [Test]
    public void Leaks()
    {
        var item = new object();
        LeakTracker.Track(item, "kept by static");
        lock (s_kept)
        {
            s_kept.Add(item);
        }
    }

    [Test]
    public void Clean() => LeakTracker.Track(new object(), "garbage");
}

[NoLeaks(Mode = LeakCheckMode.Warn)]
public class FixtureAttributeRefinesTheAssemblyOne
{
    private static readonly List<object> s_kept = new();

    [Test]
    public void Leak_is_only_a_warning()
    {
        var item = new object();
        LeakTracker.Track(item, "warned");
        lock (s_kept)
        {
            s_kept.Add(item);
        }
    }
}

/// <summary>A leak that the assembly-level rule accepts.</summary>
public class IgnoredByTheAssemblyRule
{
    [Test]
    public void Warms_the_process_wide_cache() => ProcessWideCache.Warm();
}

public static class ProcessWideCache
{
    private static readonly List<object> s_entries = new();

    public static void Warm()
    {
        var entry = new object();
        LeakTracker.Track(entry, "process-wide cache entry");
        lock (s_entries)
        {
            s_entries.Add(entry);
        }
    }
}
