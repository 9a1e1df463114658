using System.Linq;
using FluentAssertions;
using LeakCheck.XunitV3.Tests.Infrastructure;
using Xunit;

namespace LeakCheck.XunitV3.Tests;

/// <summary>Tracked objects, clean tests, opt-outs, theories, skipped tests and configuration errors, through the real xUnit v3 runner.</summary>
public class TrackedObjectTests
{
    private static readonly ScenarioRun s_run = ScenarioRunner.Run("TrackedObjectScenarios", "UncheckedScenarios", "InvalidConfigurationScenarios");

    private static ScenarioResult Result(string className, string method)
        => s_run.Results.Single(r => r.DisplayName == $"LeakCheck.XunitV3.Scenarios.{className}.{method}");

    [Fact]
    public void Tracked_object_kept_by_a_static_fails_the_test_with_the_whole_report()
    {
        var result = Result("TrackedObjectScenarios", "Tracked_object_held_by_static_leaks");

        result.Outcome.Should().Be(ScenarioOutcome.Failed);
        ReportText.Normalize(result.Failure).Should().Be(
            """
            LeakCheck.LeakDetectedException : LeakCheck: 1 item created by LeakCheck.XunitV3.Scenarios.TrackedObjectScenarios.Tracked_object_held_by_static_leaks is still alive after the test (settled in N ms; forced GCs: 1 gen1, 2 full).

            [1] Tracked object "session" (LeakCheck.XunitV3.Scenarios.Session)
                created at:
                  LeakCheck.XunitV3.Scenarios.TrackedObjectScenarios.Tracked_object_held_by_static_leaks() in TrackedObjectScenarios.cs:line N
                fingerprint: 90ec7199

            To accept a known leak, list its fingerprint in IgnoreFingerprints, for example [NoLeaks(IgnoreFingerprints = new[] { "90ec7199" })]; see README "Ignoring known leaks".
            """);
    }

    [Fact]
    public void Tracked_object_that_became_garbage_passes()
        => Result("TrackedObjectScenarios", "Tracked_object_released_is_clean").Outcome.Should().Be(ScenarioOutcome.Passed);

    [Fact]
    public void Clean_test_passes_with_empty_output_and_no_warning()
    {
        var result = Result("TrackedObjectScenarios", "Clean_test_without_tracking_is_clean");

        result.Outcome.Should().Be(ScenarioOutcome.Passed);
        result.Output.Should().BeEmpty();
        result.Warnings.Should().BeEmpty();
    }

    [Fact]
    public void Failing_test_that_leaks_keeps_its_own_failure_first_and_adds_the_report()
    {
        var result = Result("TrackedObjectScenarios", "Failing_test_that_leaks_keeps_its_own_failure_first");

        result.Outcome.Should().Be(ScenarioOutcome.Failed);
        ReportText.Normalize(result.Failure).Should().Be(
            """
            System.AggregateException : One or more errors occurred. (Assert.Equal() Failure: Values differ
            Expected: 1
            Actual:   2) (LeakCheck: 1 item created by LeakCheck.XunitV3.Scenarios.TrackedObjectScenarios.Failing_test_that_leaks_keeps_its_own_failure_first is still alive after the test (settled in N ms; forced GCs: 1 gen1, 2 full).

            [1] Tracked object LeakCheck.XunitV3.Scenarios.Connection
                created at:
                  LeakCheck.XunitV3.Scenarios.TrackedObjectScenarios.Failing_test_that_leaks_keeps_its_own_failure_first() in TrackedObjectScenarios.cs:line N
                fingerprint: 56a560fd

            To accept a known leak, list its fingerprint in IgnoreFingerprints, for example [NoLeaks(IgnoreFingerprints = new[] { "56a560fd" })]; see README "Ignoring known leaks".)
            ---- Assert.Equal() Failure: Values differ
            Expected: 1
            Actual:   2
            ---- LeakCheck.LeakDetectedException : LeakCheck: 1 item created by LeakCheck.XunitV3.Scenarios.TrackedObjectScenarios.Failing_test_that_leaks_keeps_its_own_failure_first is still alive after the test (settled in N ms; forced GCs: 1 gen1, 2 full).

            [1] Tracked object LeakCheck.XunitV3.Scenarios.Connection
                created at:
                  LeakCheck.XunitV3.Scenarios.TrackedObjectScenarios.Failing_test_that_leaks_keeps_its_own_failure_first() in TrackedObjectScenarios.cs:line N
                fingerprint: 56a560fd

            To accept a known leak, list its fingerprint in IgnoreFingerprints, for example [NoLeaks(IgnoreFingerprints = new[] { "56a560fd" })]; see README "Ignoring known leaks".
            """);
    }

    [Fact]
    public void Method_level_NoLeaks_Enabled_false_opts_the_method_out()
        => Result("TrackedObjectScenarios", "Opted_out_method_is_not_checked").Outcome.Should().Be(ScenarioOutcome.Passed);

    [Fact]
    public void A_class_without_NoLeaks_is_not_checked()
        => Result("UncheckedScenarios", "Leak_in_a_class_without_the_attribute_is_not_checked").Outcome.Should().Be(ScenarioOutcome.Passed);

    [Fact]
    public void Each_theory_row_is_checked_on_its_own()
    {
        Result("TrackedObjectScenarios", "Theory_rows_are_checked_one_by_one(leak: False)").Outcome.Should().Be(ScenarioOutcome.Passed);
        var leaky = Result("TrackedObjectScenarios", "Theory_rows_are_checked_one_by_one(leak: True)");

        leaky.Outcome.Should().Be(ScenarioOutcome.Failed);
        ReportText.Normalize(leaky.Failure).Should().Be(
            """
            LeakCheck.LeakDetectedException : LeakCheck: 1 item created by LeakCheck.XunitV3.Scenarios.TrackedObjectScenarios.Theory_rows_are_checked_one_by_one(leak: True) is still alive after the test (settled in N ms; forced GCs: 1 gen1, 2 full).

            [1] Tracked object "row" (LeakCheck.XunitV3.Scenarios.Session)
                created at:
                  LeakCheck.XunitV3.Scenarios.TrackedObjectScenarios.Theory_rows_are_checked_one_by_one(Boolean) in TrackedObjectScenarios.cs:line N
                fingerprint: 7953882d

            To accept a known leak, list its fingerprint in IgnoreFingerprints, for example [NoLeaks(IgnoreFingerprints = new[] { "7953882d" })]; see README "Ignoring known leaks".
            """);
    }

    [Fact]
    public void A_skipped_test_stays_skipped_is_not_checked_and_the_next_test_is_clean()
    {
        Result("TrackedObjectScenarios", "Skipped_test_is_not_checked").Should().Match<ScenarioResult>(r => r.Outcome == ScenarioOutcome.Skipped && r.Output == "skipped on purpose");
        Result("TrackedObjectScenarios", "Clean_test_after_the_skipped_one_is_clean").Outcome.Should().Be(ScenarioOutcome.Passed);
    }

    [Fact]
    public void Invalid_attribute_values_fail_the_test_with_every_problem()
    {
        var result = Result("InvalidConfigurationScenarios", "Invalid_attribute_values_fail_the_test");

        result.Outcome.Should().Be(ScenarioOutcome.Failed);
        result.Failure.ReplaceLineEndings("\n").Should().Be(
            """
            LeakCheck.LeakCheckConfigurationException : LeakCheck configuration is invalid ([NoLeaks] on LeakCheck.XunitV3.Scenarios.InvalidConfigurationScenarios.Invalid_attribute_values_fail_the_test):
            - SettleTimeout must be greater than zero and at most 00:05:00 (was 00:00:00).
            - IgnoreFingerprints entry "xyz" is not a fingerprint (eight hexadecimal digits, as printed in a report).
            """);
    }

    [Fact]
    public void The_run_summary_goes_to_standard_error_never_to_standard_output()
    {
        s_run.StandardError.Should().Contain("LeakCheck run LeakCheck.XunitV3.Scenarios: 7 checks, 3 with leaks.");
        s_run.StandardOutput.Should().NotContain("LeakCheck run").And.NotContain("JSON report:");
    }

    [Fact]
    public void The_JSON_report_is_written_when_the_assembly_finishes()
        => s_run.JsonReports.Should().ContainSingle().Which.Should().Contain("Theory_rows_are_checked_one_by_one(leak: True)");
}
