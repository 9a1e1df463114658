using System.Collections.Generic;
using Microsoft.VisualStudio.TestTools.UnitTesting;

namespace LeakCheck.MSTest.Scenarios;

[TestClass]
[NoLeaks]
public sealed class Outcomes
{
    [TestMethod]
    public void Failing_test_that_leaks_keeps_its_failure_first()
    {
        Keep("failing");
        Assert.Fail("the test's own failure");
    }

    [TestMethod]
    public void Failing_test_without_a_leak_keeps_its_failure_alone() => Assert.Fail("the test's own failure");

    [TestMethod]
    [DataRow(false)]
    [DataRow(true)]
    public void Data_rows_are_checked_one_by_one(bool leak)
    {
        var session = new Session();
        LeakTracker.Track(session, "row");
        if (leak)
        {
            StaticHolder.Keep(session);
        }
    }

    public static IEnumerable<object[]> Rows => [[1], [2]];

    [TestMethod]
    [DynamicData(nameof(Rows))]
    public void Dynamic_data_rows_are_checked_one_by_one(int row)
    {
        var session = new Session();
        LeakTracker.Track(session, "dynamic row");
        if (row == 2)
        {
            StaticHolder.Keep(session);
        }
    }

    [TestMethod]
    [NoLeaks(Enabled = false)]
    public void Opted_out() => Keep("opted out");

    [TestMethod]
    [NoLeaks(Mode = LeakCheckMode.Warn)]
    public void Leak_in_warn_mode_passes_and_writes_the_report() => Keep("warned");

    [TestMethod]
    [NoLeaks(IgnoreFingerprints = new[] { "xyz" }, IgnoreTypes = new[] { "" })]
    public void Invalid_configuration_fails_with_every_problem()
    {
    }

    private static void Keep(string name)
    {
        var session = new Session();
        LeakTracker.Track(session, name);
        StaticHolder.Keep(session);
    }
}

/// <summary>Only the method carries [NoLeaks]; the other method of the class is not checked.</summary>
[TestClass]
public sealed class MethodLevelOnly
{
    [TestMethod]
    [NoLeaks]
    public void Checked()
    {
        var session = new Session();
        LeakTracker.Track(session, "method level");
        StaticHolder.Keep(session);
    }

    [TestMethod]
    public void Not_checked()
    {
        var session = new Session();
        LeakTracker.Track(session, "not checked");
        StaticHolder.Keep(session);
    }
}

/// <summary>The method's explicit Mode wins over the class's; the ignore rules of both levels combine.</summary>
[TestClass]
[NoLeaks(Mode = LeakCheckMode.Warn, IgnoreTypes = new[] { "LeakCheck.MSTest.Scenarios.Connection" })]
public sealed class Precedence
{
    [TestMethod]
    [NoLeaks(Mode = LeakCheckMode.Fail, IgnoreKinds = new[] { LeakKind.Timer })]
    public void Method_mode_wins_and_rules_combine()
    {
        var connection = new Connection();
        LeakTracker.Track(connection, "ignored by type");
        StaticHolder.Keep(connection);
        StaticHolder.Keep(new System.Threading.Timer(_ => { }, null, 60_000, 60_000));
        var session = new Session();
        LeakTracker.Track(session, "reported");
        StaticHolder.Keep(session);
    }

    [TestMethod]
    [NoLeaks(Mode = LeakCheckMode.Fail, IgnoreFingerprints = new[] { "64654229" })]
    public void Fingerprint_rule_accepts_the_known_leak()
    {
        var session = new Session();
        LeakTracker.Track(session, "known");
        StaticHolder.Keep(session);
    }
}
