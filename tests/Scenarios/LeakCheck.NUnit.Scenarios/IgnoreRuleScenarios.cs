using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using NUnit.Framework;

namespace LeakCheck.NUnit.Scenarios;

/// <summary>Every kind of ignore rule, on the fixture and on methods; one leak that no rule matches; one rule that never matches.</summary>
[NoLeaks(SettleTimeoutMilliseconds = 100, IgnoreTypes = new[] { "LeakCheck.NUnit.Scenarios.IgnoredByFixture*" })]
public class IgnoreRuleScenarios
{
    [Test]
    public void Type_rule_on_the_fixture() => KeepTracked(new IgnoredByFixtureCache(), "fixture-level type rule");

    [Test]
    [NoLeaks(IgnoreKinds = new[] { LeakKind.Timer })]
    public void Kind_rule_on_the_method() => Kept.Add(new Timer(static _ => { }, null, TimeSpan.FromMinutes(5), TimeSpan.FromMinutes(5)));

    [Test]
    [NoLeaks(IgnoreCreatedBy = new[] { "LeakCheck.NUnit.Scenarios.VendorPoller.*" })]
    public void Creator_rule_on_the_method() => VendorPoller.Start();

    [Test]
    [NoLeaks(IgnoreFingerprints = new[] { "29b327e0" })]
    public void Fingerprint_rule_on_the_method() => KeepTracked(new Connection(), "known leak");

    [Test]
    public void Leak_that_no_rule_matches() => KeepTracked(new Connection(), "not ignored");

    [Test]
    [NoLeaks(IgnoreTypes = new[] { "Vendor.Retired.*" })]
    public void Clean_test_with_a_stale_rule()
    {
    }

    private static void KeepTracked(object item, string name)
    {
        LeakTracker.Track(item, name);
        Kept.Add(item);
    }
}

/// <summary>Ignore rules with mistakes: the test fails with every problem.</summary>
public class InvalidIgnoreRuleScenarios
{
    [Test]
    [NoLeaks(IgnoreTypes = new[] { "" }, IgnoreKinds = new[] { (LeakKind)42 }, IgnoreCreatedBy = new[] { "*" }, IgnoreFingerprints = new[] { "xyz" })]
    public void Test()
    {
    }
}

/// <summary>A leak to record into a baseline and then accept from it.</summary>
[NoLeaks(SettleTimeoutMilliseconds = 100)]
public class BaselineScenarios
{
    [Test]
    public void Leaks_a_connection()
    {
        var connection = new Connection();
        LeakTracker.Track(connection, "baselined connection");
        Kept.Add(connection);
    }
}

public sealed class IgnoredByFixtureCache
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
