using System.Collections.Generic;
using LeakCheck.Xunit;
using Xunit;

[assembly: NoLeaks]

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
