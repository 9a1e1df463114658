using System.Linq;
using FluentAssertions;
using LeakCheck.XunitV3.Tests.Infrastructure;
using Xunit;

namespace LeakCheck.XunitV3.Tests;

/// <summary>Work on the test's cancellation token, and tests that time out, through the real xUnit v3 runner.</summary>
public class CancellationTests
{
    private static readonly ScenarioRun s_run = ScenarioRunner.Run("CancellationScenarios");

    private static ScenarioResult Result(string method)
        => s_run.Results.Single(r => r.DisplayName == "LeakCheck.XunitV3.Scenarios.CancellationScenarios." + method);

    /// <remarks>xUnit does not cancel the test's token when the test ends: the delay's timer is still armed.</remarks>
    [Fact]
    public void Work_on_the_tests_token_still_pending_when_the_test_ends_is_a_leak()
    {
        var result = Result("Delay_on_the_tests_token_left_pending");

        result.Outcome.Should().Be(ScenarioOutcome.Failed);
        ReportText.Normalize(result.Failure).Should().Be(
            """
            LeakCheck.LeakDetectedException : LeakCheck: 1 item created by LeakCheck.XunitV3.Scenarios.CancellationScenarios.Delay_on_the_tests_token_left_pending is still alive after the test (settled in N ms; forced GCs: 0 gen1, 0 full).

            [1] Timer Task.Delay
                not completed: its timer is still armed
                created at:
                  LeakCheck.XunitV3.Scenarios.CancellationScenarios.Delay_on_the_tests_token_left_pending() in CancellationScenarios.cs:line N
                fingerprint: d02c62ff

            To accept a known leak, list its fingerprint in IgnoreFingerprints, for example [NoLeaks(IgnoreFingerprints = new[] { "d02c62ff" })]; see README "Ignoring known leaks".
            """);
    }

    /// <remarks>xUnit cancels the test's token when the test times out: the delay ends, and nothing is left.</remarks>
    [Fact]
    public void A_timed_out_test_whose_work_observes_the_tests_token_fails_with_the_time_out_only()
    {
        var result = Result("Timed_out_while_awaiting_the_tests_token");

        result.Outcome.Should().Be(ScenarioOutcome.Failed);
        ReportText.Normalize(result.Failure).Should().Be("Test execution timed out after 100 milliseconds");
    }
}

/// <summary>Callbacks left on sources held by class and collection fixtures, through the real xUnit v3 runner, in parallel and serially.</summary>
public class FixtureRegistrationTests
{
    [Theory]
    [InlineData("collections")]
    [InlineData("none")]
    public void A_callback_left_on_a_source_a_fixture_holds_fails_the_test_and_its_clean_twin_passes(string parallelMode)
    {
        var run = ScenarioRunner.Run(new ScenarioOptions { ParallelMode = parallelMode }, "FixtureRegistrations", "CleanAsyncWork");
        ScenarioResult Result(string method) => run.Results.Single(r => r.DisplayName == "LeakCheck.XunitV3.Scenarios.FixtureRegistrations." + method);

        Result("Disposes_its_callback").Outcome.Should().Be(ScenarioOutcome.Passed);
        ReportText.Normalize(Result("Leaves_a_callback_on_the_class_fixture").Failure).Should().Be(
            """
            LeakCheck.LeakDetectedException : LeakCheck: 1 item created by LeakCheck.XunitV3.Scenarios.FixtureRegistrations.Leaves_a_callback_on_the_class_fixture is still alive after the test (settled in N ms; forced GCs: 0 gen1, 0 full).

            [1] Cancellation registration CancellationToken.Register
                registered on LeakCheck.XunitV3.Scenarios.LifetimeFixture.Stopping (held by the test's fixture), never unregistered (dispose the CancellationTokenRegistration)
                callback: LeakCheck.XunitV3.Scenarios.FixtureRegistrations.OnStopping() in CancellationScenarios.cs:line N
                created at: not recorded for cancellation registrations (the runtime raises no event for Register); the callback above names it
                fingerprint: 1d258672

            To accept a known leak, list its fingerprint in IgnoreFingerprints, for example [NoLeaks(IgnoreFingerprints = new[] { "1d258672" })]; see README "Ignoring known leaks".
            """);
        ReportText.Normalize(Result("Leaves_a_callback_on_the_collection_fixture").Failure).Should().Be(
            """
            LeakCheck.LeakDetectedException : LeakCheck: 1 item created by LeakCheck.XunitV3.Scenarios.FixtureRegistrations.Leaves_a_callback_on_the_collection_fixture is still alive after the test (settled in N ms; forced GCs: 0 gen1, 0 full).

            [1] Cancellation registration CancellationToken.Register
                registered on LeakCheck.XunitV3.Scenarios.SharedServerFixture.Lifetime.Stopping (held by the test's fixture), never unregistered (dispose the CancellationTokenRegistration)
                callback: LeakCheck.XunitV3.Scenarios.FixtureRegistrations.OnStopping() in CancellationScenarios.cs:line N
                created at: not recorded for cancellation registrations (the runtime raises no event for Register); the callback above names it
                fingerprint: 2507df3c

            To accept a known leak, list its fingerprint in IgnoreFingerprints, for example [NoLeaks(IgnoreFingerprints = new[] { "2507df3c" })]; see README "Ignoring known leaks".
            """);
        run.Results.Where(r => r.DisplayName.Contains(".CleanAsyncWork.", System.StringComparison.Ordinal)).Should().OnlyContain(r => r.Outcome == ScenarioOutcome.Passed);
    }
}
