using System.Linq;
using FluentAssertions;
using LeakCheck.Xunit.Scenarios;
using LeakCheck.Xunit.Tests.Infrastructure;
using Xunit;

namespace LeakCheck.Xunit.Tests;

public class TrackedObjectTests
{
    private static readonly ScenarioResult[] s_results =
        ScenarioRunner.Run(leakCheckFramework: true, typeof(TrackedObjectScenarios)).ToArray();

    private static ScenarioResult Result(string method) => s_results.Single(r => r.DisplayName == $"{typeof(TrackedObjectScenarios).FullName}.{method}");

    [Fact]
    public void Tracked_object_kept_by_a_static_fails_the_test_with_the_whole_report()
    {
        var result = Result(nameof(TrackedObjectScenarios.Tracked_object_held_by_static_leaks));

        result.Outcome.Should().Be(ScenarioOutcome.Failed);
        ReportText.Normalize(result.Failure).Should().Be(
            """
            LeakCheck.LeakDetectedException : LeakCheck: 1 item created by LeakCheck.Xunit.Scenarios.TrackedObjectScenarios.Tracked_object_held_by_static_leaks is still alive after the test (settled in N ms; forced GCs: 1 gen1, 2 full).

            [1] Tracked object "session" (LeakCheck.Xunit.Scenarios.Session)
                created at:
                  LeakCheck.Xunit.Scenarios.TrackedObjectScenarios.Tracked_object_held_by_static_leaks() in TrackedObjectScenarios.cs:line N
                fingerprint: 0e153c54

            To accept a known leak, list its fingerprint in IgnoreFingerprints, for example [NoLeaks(IgnoreFingerprints = new[] { "0e153c54" })]; see README "Ignoring known leaks".
            """);
    }

    [Fact]
    public void Tracked_object_that_became_garbage_passes()
        => Result(nameof(TrackedObjectScenarios.Tracked_object_released_is_clean)).Outcome.Should().Be(ScenarioOutcome.Passed);

    [Fact]
    public void Clean_test_passes_with_empty_output()
    {
        var result = Result(nameof(TrackedObjectScenarios.Clean_test_without_tracking_is_clean));

        result.Outcome.Should().Be(ScenarioOutcome.Passed);
        result.Output.Should().BeEmpty();
    }

    [Fact]
    public void Failing_test_that_leaks_keeps_its_own_failure_first_and_adds_the_report()
    {
        var result = Result(nameof(TrackedObjectScenarios.Failing_test_that_leaks_keeps_its_own_failure_first));

        result.Outcome.Should().Be(ScenarioOutcome.Failed);
        // The test's own assertion message as this version of xunit.assert words it (the CI leg on the lowest xunit
        // supported has another wording).
        var equalFailure = Record.Exception(() => Assert.Equal(1, 2))!.Message.ReplaceLineEndings("\n");
        ReportText.Normalize(result.Failure).Should().Be(
            $$"""
            System.AggregateException : One or more errors occurred. ({{equalFailure}}) (LeakCheck: 1 item created by LeakCheck.Xunit.Scenarios.TrackedObjectScenarios.Failing_test_that_leaks_keeps_its_own_failure_first is still alive after the test (settled in N ms; forced GCs: 1 gen1, 2 full).

            [1] Tracked object LeakCheck.Xunit.Scenarios.Connection
                created at:
                  LeakCheck.Xunit.Scenarios.TrackedObjectScenarios.Failing_test_that_leaks_keeps_its_own_failure_first() in TrackedObjectScenarios.cs:line N
                fingerprint: 2e3a735c

            To accept a known leak, list its fingerprint in IgnoreFingerprints, for example [NoLeaks(IgnoreFingerprints = new[] { "2e3a735c" })]; see README "Ignoring known leaks".)
            ---- {{equalFailure}}
            ---- LeakCheck.LeakDetectedException : LeakCheck: 1 item created by LeakCheck.Xunit.Scenarios.TrackedObjectScenarios.Failing_test_that_leaks_keeps_its_own_failure_first is still alive after the test (settled in N ms; forced GCs: 1 gen1, 2 full).

            [1] Tracked object LeakCheck.Xunit.Scenarios.Connection
                created at:
                  LeakCheck.Xunit.Scenarios.TrackedObjectScenarios.Failing_test_that_leaks_keeps_its_own_failure_first() in TrackedObjectScenarios.cs:line N
                fingerprint: 2e3a735c

            To accept a known leak, list its fingerprint in IgnoreFingerprints, for example [NoLeaks(IgnoreFingerprints = new[] { "2e3a735c" })]; see README "Ignoring known leaks".
            """);
    }

    [Fact]
    public void Method_that_opts_out_of_a_class_check_passes_despite_its_leak()
        => Result(nameof(TrackedObjectScenarios.Opted_out_method_is_not_checked)).Outcome.Should().Be(ScenarioOutcome.Passed);

    [Fact]
    public void Theory_rows_are_checked_one_by_one()
    {
        Result("Theory_rows_are_checked_one_by_one(leak: False)").Outcome.Should().Be(ScenarioOutcome.Passed);
        var leaky = Result("Theory_rows_are_checked_one_by_one(leak: True)");
        leaky.Outcome.Should().Be(ScenarioOutcome.Failed);
        ReportText.Normalize(leaky.Failure).Should().StartWith(
            "LeakCheck.LeakDetectedException : LeakCheck: 1 item created by LeakCheck.Xunit.Scenarios.TrackedObjectScenarios.Theory_rows_are_checked_one_by_one(leak: True) is still alive");
    }
}
