using System.Collections.Generic;
using LeakCheck.NUnit;
using NUnit.Framework;

[assembly: NoLeaks]

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
