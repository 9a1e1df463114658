using System.Collections.Generic;
using LeakCheck;
using LeakCheck.MSTest;
using Microsoft.VisualStudio.TestTools.UnitTesting;

[assembly: NoLeaks(SettleTimeoutMilliseconds = 200, IgnoreTypes = new[] { "LeakCheck.MSTest.Scenarios.AssemblyLevel.Ignored" })]
[assembly: DoNotParallelize]

namespace LeakCheck.MSTest.Scenarios.AssemblyLevel;

public static class Kept
{
    private static readonly List<object> s_items = new();

    public static void Add(string name, object item)
    {
        LeakTracker.Track(item, name);
        lock (s_items)
        {
            s_items.Add(item);
        }
    }
}

public sealed class Session
{
}

public sealed class Ignored
{
}

/// <summary>No attribute on the class or its methods: the assembly's applies.</summary>
[TestClass]
public sealed class WithoutOwnAttribute
{
    [TestMethod]
    public void Leaks() => Kept.Add("assembly level", new Session());

    [TestMethod]
    public void Leaks_an_object_the_assembly_rule_ignores() => Kept.Add("ignored", new Ignored());

    [TestMethod]
    [NoLeaks(Enabled = false)]
    public void Opted_out() => Kept.Add("opted out", new Session());
}

/// <summary>The class's explicit Mode wins over the assembly's; the assembly's ignore rule still applies.</summary>
[TestClass]
[NoLeaks(Mode = LeakCheckMode.Warn)]
public sealed class ClassOverridesAssembly
{
    [TestMethod]
    public void Warns() => Kept.Add("class warns", new Session());
}
