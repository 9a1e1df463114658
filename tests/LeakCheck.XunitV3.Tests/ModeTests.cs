using System.Collections.Generic;
using System.Linq;
using FluentAssertions;
using LeakCheck.XunitV3.Tests.Infrastructure;
using Xunit;

namespace LeakCheck.XunitV3.Tests;

/// <summary>Warn mode (test output and an xUnit warning), attribute precedence, and LEAKCHECK_MODE.</summary>
public class ModeTests
{
    private static readonly ScenarioRun s_run = ScenarioRunner.Run("WarnModeScenarios", "MethodOverridesClassScenarios");

    private static ScenarioResult Result(ScenarioRun run, string className, string method)
        => run.Results.Single(r => r.DisplayName == $"LeakCheck.XunitV3.Scenarios.{className}.{method}");

    private const string WarnReport =
        """
        LeakCheck (warn mode: the test keeps its outcome):
        LeakCheck: 1 item created by LeakCheck.XunitV3.Scenarios.WarnModeScenarios.Leak_in_warn_mode_passes_with_a_warning is still alive after the test (settled in N ms; forced GCs: 1 gen1, 2 full).

        [1] Tracked object "warned session" (LeakCheck.XunitV3.Scenarios.Session)
            created at:
              LeakCheck.XunitV3.Scenarios.WarnModeScenarios.Leak_in_warn_mode_passes_with_a_warning() in ModeScenarios.cs:line N
            fingerprint: 68a90d30

        To accept a known leak, list its fingerprint in IgnoreFingerprints, for example [NoLeaks(IgnoreFingerprints = new[] { "68a90d30" })]; see README "Ignoring known leaks".
        """;

    [Fact]
    public void Warn_mode_passes_and_writes_the_report_to_the_test_output_and_as_an_xunit_warning()
    {
        var result = Result(s_run, "WarnModeScenarios", "Leak_in_warn_mode_passes_with_a_warning");

        result.Outcome.Should().Be(ScenarioOutcome.Passed);
        ReportText.Normalize(result.Output).Should().Be(WarnReport + "\n");
        result.Warnings.Select(ReportText.Normalize).Should().Equal(WarnReport);
    }

    [Fact]
    public void A_method_attribute_overrides_what_it_sets_and_keeps_the_rest_of_the_class_attribute()
    {
        var result = Result(s_run, "MethodOverridesClassScenarios", "Method_mode_wins");

        result.Outcome.Should().Be(ScenarioOutcome.Failed);
        ReportText.Normalize(result.Failure).Should().StartWith(
            "LeakCheck.LeakDetectedException : LeakCheck: 1 item created by LeakCheck.XunitV3.Scenarios.MethodOverridesClassScenarios.Method_mode_wins is still alive");
    }

    [Fact]
    public void LEAKCHECK_MODE_warn_turns_a_failure_into_a_warning_for_the_whole_run()
    {
        var run = ScenarioRunner.Run(
            new ScenarioOptions { Environment = new Dictionary<string, string> { ["LEAKCHECK_MODE"] = "warn" } }, "TrackedObjectScenarios");
        var result = Result(run, "TrackedObjectScenarios", "Tracked_object_held_by_static_leaks");

        result.Outcome.Should().Be(ScenarioOutcome.Passed);
        result.Warnings.Should().ContainSingle().Which.Should().StartWith("LeakCheck (warn mode: the test keeps its outcome):");
    }

    [Fact]
    public void LEAKCHECK_MODE_off_checks_nothing()
    {
        var run = ScenarioRunner.Run(
            new ScenarioOptions { Environment = new Dictionary<string, string> { ["LEAKCHECK_MODE"] = "off" } }, "TrackedObjectScenarios");

        Result(run, "TrackedObjectScenarios", "Tracked_object_held_by_static_leaks").Outcome.Should().Be(ScenarioOutcome.Passed);
        run.Results.Where(r => r.Outcome == ScenarioOutcome.Failed).Select(r => r.DisplayName).Should()
            .Equal("LeakCheck.XunitV3.Scenarios.TrackedObjectScenarios.Failing_test_that_leaks_keeps_its_own_failure_first");
    }
}
