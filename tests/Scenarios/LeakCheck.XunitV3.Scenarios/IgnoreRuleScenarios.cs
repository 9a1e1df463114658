using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using Xunit;

namespace LeakCheck.XunitV3.Scenarios;

/// <summary>Every kind of ignore rule, on the class and on methods; one leak that no rule matches; one rule that never matches.</summary>
[NoLeaks(SettleTimeoutMilliseconds = 100, IgnoreTypes = new[] { "LeakCheck.XunitV3.Scenarios.IgnoredByClass*" })]
public class IgnoreRuleScenarios
{
    [Fact]
    public void Type_rule_on_the_class() => KeepTracked(new IgnoredByClassCache(), "class-level type rule");

    [Fact]
    [NoLeaks(IgnoreKinds = new[] { LeakKind.Timer })]
    public void Kind_rule_on_the_method() => StaticHolder.Keep(new Timer(static _ => { }, null, TimeSpan.FromMinutes(5), TimeSpan.FromMinutes(5)));

    [Fact]
    [NoLeaks(IgnoreCreatedBy = new[] { "LeakCheck.XunitV3.Scenarios.VendorPoller.*" })]
    public void Creator_rule_on_the_method() => VendorPoller.Start();

    [Fact]
    [NoLeaks(IgnoreFingerprints = new[] { "7bb1786d" })]
    public void Fingerprint_rule_on_the_method() => KeepTracked(new Session(), "known leak");

    [Fact]
    public void Leak_that_no_rule_matches() => KeepTracked(new Session(), "not ignored");

    [Fact]
    [NoLeaks(IgnoreTypes = new[] { "Vendor.Retired.*" })]
    public void Clean_test_with_a_stale_rule()
    {
    }

    private static void KeepTracked(object item, string name)
    {
        LeakTracker.Track(item, name);
        StaticHolder.Keep(item);
    }
}

/// <summary>Ignore rules with mistakes: each is reported, the test fails with every problem.</summary>
public class InvalidIgnoreRuleScenarios
{
    [Fact]
    [NoLeaks(IgnoreTypes = new[] { "" }, IgnoreKinds = new[] { (LeakKind)42 }, IgnoreCreatedBy = new[] { "*", "My App.*" }, IgnoreFingerprints = new[] { "xyz" })]
    public void Test()
    {
    }
}

/// <summary>A leak to record into a baseline and then accept from it.</summary>
[NoLeaks(SettleTimeoutMilliseconds = 100)]
public class BaselineScenarios
{
    [Fact]
    public void Leaks_a_session()
    {
        var session = new Session();
        LeakTracker.Track(session, "baselined session");
        StaticHolder.Keep(session);
    }
}

public sealed class IgnoredByClassCache
{
}

/// <summary>A third-party component whose background loop outlives every test that starts it.</summary>
public static class VendorPoller
{
    private static readonly List<Task> s_loops = new();

    public static void Start()
    {
        lock (s_loops)
        {
            s_loops.Add(PollAsync());
        }
    }

    private static async Task PollAsync()
    {
        while (true)
        {
            await Task.Delay(TimeSpan.FromMinutes(5)).ConfigureAwait(false);
        }
    }
}
