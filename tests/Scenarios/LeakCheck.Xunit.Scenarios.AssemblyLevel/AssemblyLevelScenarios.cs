using System.Collections.Generic;
using LeakCheck.Xunit;
using Xunit;

[assembly: NoLeaks(IgnoreCreatedBy = new[] { "LeakCheck.Xunit.Scenarios.AssemblyLevel.ProcessWideCache" })]

namespace LeakCheck.Xunit.Scenarios.AssemblyLevel;

public class CheckedByAssemblyAttribute
{
    private static readonly List<object> s_kept = new();

    [Fact]
    public void Leaks()
    {
        var item = new object();
        LeakTracker.Track(item, "kept by static");
        lock (s_kept)
        {
            s_kept.Add(item);
        }
    }

    [Fact]
    public void Clean() => LeakTracker.Track(new object(), "garbage");
}

/// <summary>A leak that the assembly-level rule accepts.</summary>
public class IgnoredByTheAssemblyRule
{
    [Fact]
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
