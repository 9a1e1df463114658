using System.Linq;
using FluentAssertions;
using LeakCheck.XunitV3.Tests.Infrastructure;
using Xunit;

namespace LeakCheck.XunitV3.Tests;

/// <summary><c>[Fact(Explicit = true)]</c>: checked when it runs, left alone when xUnit does not run it.</summary>
public class ExplicitTests
{
    private const string DisplayName = "LeakCheck.XunitV3.Scenarios.ExplicitScenarios.Explicit_test_keeping_a_connection";

    [Fact]
    public void An_explicit_test_that_is_not_asked_for_is_not_run_and_not_checked()
    {
        var run = ScenarioRunner.Run("ExplicitScenarios");

        run.Results.Should().ContainSingle().Which.Should().Be(new ScenarioResult(DisplayName, ScenarioOutcome.NotRun, string.Empty, string.Empty, run.Results[0].Warnings));
        run.Results[0].Warnings.Should().BeEmpty();
        run.JsonReports.Should().BeEmpty("no test was checked, so the run wrote no report");
        run.StandardError.Should().NotContain("LeakCheck");
    }

    [Fact]
    public void An_explicit_test_run_on_request_is_checked()
    {
        var run = ScenarioRunner.Run(new ScenarioOptions { Explicit = "only" }, "ExplicitScenarios");

        var result = run.Results.Should().ContainSingle().Subject;
        result.Outcome.Should().Be(ScenarioOutcome.Failed);
        ReportText.Normalize(result.Failure).Should().Be(
            """
            LeakCheck.LeakDetectedException : LeakCheck: 1 item created by LeakCheck.XunitV3.Scenarios.ExplicitScenarios.Explicit_test_keeping_a_connection is still alive after the test (settled in N ms; forced GCs: 1 gen1, 2 full).

            [1] Tracked object "connection" (LeakCheck.XunitV3.Scenarios.Connection)
                created at:
                  LeakCheck.XunitV3.Scenarios.ExplicitScenarios.Explicit_test_keeping_a_connection() in ExplicitScenarios.cs:line N
                fingerprint: 045a78ad

            To accept a known leak, list its fingerprint in IgnoreFingerprints, for example [NoLeaks(IgnoreFingerprints = new[] { "045a78ad" })]; see README "Ignoring known leaks".
            """);
    }
}
