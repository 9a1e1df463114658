using System;
using System.Collections.Generic;
using System.Linq;
using FluentAssertions;
using LeakCheck.NUnit.Scenarios;
using LeakCheck.NUnit.Tests.Infrastructure;
using Xunit;

namespace LeakCheck.NUnit.Tests;

/// <summary>
/// Deliberately leaking and clean NUnit fixtures run through NUnit's real framework runner, in process, two
/// workers in parallel; messages compared whole (settle milliseconds and line numbers normalised).
/// </summary>
[Collection(nameof(NUnitRuns))]
public class NUnitAdapterTests
{
    private static readonly Type[] s_fixtures =
    [
        typeof(FixtureLevel), typeof(SetUpAndTearDown), typeof(MethodLevel), typeof(OneTimeSetUpIsNotBlamed), typeof(OneTimeTimerRearmedByATest),
        typeof(InstancePerTestCase), typeof(InstancePerTestCaseLeaky), typeof(WarnMode), typeof(InvalidOptions),
        typeof(ParallelLeaky), typeof(ParallelClean), typeof(RetryAndRepeat),
    ];

    private static readonly IReadOnlyList<NUnitResult> s_results = RunOnce(parallelWorkers: 2);

    private static IReadOnlyList<NUnitResult> RunOnce(int parallelWorkers, params Type[] fixtures)
    {
        var results = NUnitScenarioRunner.Run(parallelWorkers, fixtures.Length == 0 ? s_fixtures : fixtures);
        Gate.ReleaseAll();
        return results;
    }

    private static NUnitResult Result(string name) => s_results.Single(r => r.FullName == "LeakCheck.NUnit.Scenarios." + name);

    [Fact]
    public void FixtureLevel_Async_test_leaving_a_loop_running_fails_with_the_report()
    {
        var result = Result("FixtureLevel.Async_test_leaving_a_loop_running");

        result.Outcome.Should().Be("Failed");
        ReportText.Normalize(result.Message).Should().Be(
            """
            LeakCheck: 1 item created by LeakCheck.NUnit.Scenarios.FixtureLevel.Async_test_leaving_a_loop_running is still alive after the test (settled in N ms; forced GCs: 1 gen1, 2 full).

            [1] Async method LeakCheck.NUnit.Scenarios.FixtureLevel.Loop(CancellationToken)
                waiting at await #1: Task.Delay
                created at:
                  LeakCheck.NUnit.Scenarios.FixtureLevel.Loop(CancellationToken) in FixtureScenarios.cs:line N
                  LeakCheck.NUnit.Scenarios.FixtureLevel.Async_test_leaving_a_loop_running() in FixtureScenarios.cs:line N
                fingerprint: 53edf950

            To accept a known leak, list its fingerprint in IgnoreFingerprints, for example [NoLeaks(IgnoreFingerprints = new[] { "53edf950" })]; see README "Ignoring known leaks".
            """);
    }

    [Fact]
    public void FixtureLevel_Clean_passes()
    {
        var result = Result("FixtureLevel.Clean");

        result.Outcome.Should().Be("Passed");
        result.Output.Should().BeEmpty();
    }

    [Fact]
    public void FixtureLevel_Failing_test_that_leaks_keeps_its_failure_first_fails_with_the_report()
    {
        var result = Result("FixtureLevel.Failing_test_that_leaks_keeps_its_failure_first");

        result.Outcome.Should().Be("Failed");

        // NUnit 4 starts an assertion's message with the assertion as written; NUnit 3 does not.
        ReportText.Normalize(result.Message).Should().Be((NUnitVersionInfo.Version.Major >= 4 ? "  Assert.That(1, Is.EqualTo(2))\n" : string.Empty) +
            """
              Expected: 2
              But was:  1


            LeakCheck: 1 item created by LeakCheck.NUnit.Scenarios.FixtureLevel.Failing_test_that_leaks_keeps_its_failure_first is still alive after the test (settled in N ms; forced GCs: 1 gen1, 2 full).

            [1] Tracked object "connection" (LeakCheck.NUnit.Scenarios.Connection)
                created at:
                  LeakCheck.NUnit.Scenarios.FixtureLevel.Failing_test_that_leaks_keeps_its_failure_first() in FixtureScenarios.cs:line N
                fingerprint: 68d2e402

            To accept a known leak, list its fingerprint in IgnoreFingerprints, for example [NoLeaks(IgnoreFingerprints = new[] { "68d2e402" })]; see README "Ignoring known leaks".
            """);
    }

    [Fact]
    public void FixtureLevel_Leaks_a_tracked_object_fails_with_the_report()
    {
        var result = Result("FixtureLevel.Leaks_a_tracked_object");

        result.Outcome.Should().Be("Failed");
        ReportText.Normalize(result.Message).Should().Be(
            """
            LeakCheck: 1 item created by LeakCheck.NUnit.Scenarios.FixtureLevel.Leaks_a_tracked_object is still alive after the test (settled in N ms; forced GCs: 1 gen1, 2 full).

            [1] Tracked object "connection" (LeakCheck.NUnit.Scenarios.Connection)
                created at:
                  LeakCheck.NUnit.Scenarios.FixtureLevel.Leaks_a_tracked_object() in FixtureScenarios.cs:line N
                fingerprint: 68d2e402

            To accept a known leak, list its fingerprint in IgnoreFingerprints, for example [NoLeaks(IgnoreFingerprints = new[] { "68d2e402" })]; see README "Ignoring known leaks".
            """);
    }

    [Fact]
    public void FixtureLevel_Opted_out_passes()
    {
        var result = Result("FixtureLevel.Opted_out");

        result.Outcome.Should().Be("Passed");
        result.Output.Should().BeEmpty();
    }

    [Fact]
    public void FixtureLevel_Test_cases_are_checked_one_by_one_False_passes()
    {
        var result = Result("FixtureLevel.Test_cases_are_checked_one_by_one(False)");

        result.Outcome.Should().Be("Passed");
        result.Output.Should().BeEmpty();
    }

    [Fact]
    public void FixtureLevel_Test_cases_are_checked_one_by_one_True_fails_with_the_report()
    {
        var result = Result("FixtureLevel.Test_cases_are_checked_one_by_one(True)");

        result.Outcome.Should().Be("Failed");
        ReportText.Normalize(result.Message).Should().Be(
            """
            LeakCheck: 1 item created by LeakCheck.NUnit.Scenarios.FixtureLevel.Test_cases_are_checked_one_by_one(True) is still alive after the test (settled in N ms; forced GCs: 1 gen1, 2 full).

            [1] Tracked object "case" (LeakCheck.NUnit.Scenarios.Connection)
                created at:
                  LeakCheck.NUnit.Scenarios.FixtureLevel.Test_cases_are_checked_one_by_one(Boolean) in FixtureScenarios.cs:line N
                fingerprint: 7bf821aa

            To accept a known leak, list its fingerprint in IgnoreFingerprints, for example [NoLeaks(IgnoreFingerprints = new[] { "7bf821aa" })]; see README "Ignoring known leaks".
            """);
    }

    [Fact]
    public void InstancePerTestCase_Released_in_Dispose_passes_on_NUnit_4_and_is_reported_on_NUnit_3()
    {
        var result = Result("InstancePerTestCase.Released_in_Dispose");

        if (NUnitVersionInfo.Version.Major >= 4)
        {
            result.Outcome.Should().Be("Passed");
            result.Output.Should().BeEmpty();
            return;
        }

        // NUnit 3 disposes a per-test-case instance after the test's actions have run, so after the check: what its
        // Dispose releases is still alive then (README "Quick start (NUnit 3.13 to 5)": release it in [TearDown]).
        result.Outcome.Should().Be("Failed");
        ReportText.Normalize(result.Message).Should().StartWith(
            "LeakCheck: 1 item created by LeakCheck.NUnit.Scenarios.InstancePerTestCase.Released_in_Dispose is still alive after the test")
            .And.Contain("[1] Tracked object \"per-test instance\" (LeakCheck.NUnit.Scenarios.Connection)");
    }

    [Fact]
    public void InstancePerTestCaseLeaky_Not_released_in_Dispose_fails_with_the_report()
    {
        var result = Result("InstancePerTestCaseLeaky.Not_released_in_Dispose");

        result.Outcome.Should().Be("Failed");
        ReportText.Normalize(result.Message).Should().Be(
            """
            LeakCheck: 1 item created by LeakCheck.NUnit.Scenarios.InstancePerTestCaseLeaky.Not_released_in_Dispose is still alive after the test (settled in N ms; forced GCs: 1 gen1, 2 full).

            [1] Tracked object "kept after Dispose" (LeakCheck.NUnit.Scenarios.Connection)
                created at:
                  LeakCheck.NUnit.Scenarios.InstancePerTestCaseLeaky.SetUp() in FixtureScenarios.cs:line N
                fingerprint: 2dca5243

            To accept a known leak, list its fingerprint in IgnoreFingerprints, for example [NoLeaks(IgnoreFingerprints = new[] { "2dca5243" })]; see README "Ignoring known leaks".
            """);
    }

    [Fact]
    public void InvalidOptions_Test_fails_with_the_report()
    {
        var result = Result("InvalidOptions.Test");

        result.Outcome.Should().Be("Failed");
        ReportText.Normalize(result.Message).Should().Be(
            """
            LeakCheck configuration is invalid ([NoLeaks] on LeakCheck.NUnit.Scenarios.InvalidOptions.Test):
            - SettleTimeout must be greater than zero and at most 00:05:00 (was 00:00:00).
            """);
    }

    [Fact]
    public void MethodLevel_Checked_method_covers_SetUp_and_TearDown_passes()
    {
        var result = Result("MethodLevel.Checked_method_covers_SetUp_and_TearDown");

        result.Outcome.Should().Be("Passed");
        result.Output.Should().BeEmpty();
    }

    [Fact]
    public void MethodLevel_Checked_method_that_leaks_fails_with_the_report()
    {
        var result = Result("MethodLevel.Checked_method_that_leaks");

        result.Outcome.Should().Be("Failed");
        ReportText.Normalize(result.Message).Should().Be(
            """
            LeakCheck: 1 item created by LeakCheck.NUnit.Scenarios.MethodLevel.Checked_method_that_leaks is still alive after the test (settled in N ms; forced GCs: 1 gen1, 2 full).

            [1] Tracked object "in the test" (LeakCheck.NUnit.Scenarios.Connection)
                created at:
                  LeakCheck.NUnit.Scenarios.MethodLevel.Tracked(String) in FixtureScenarios.cs:line N
                  LeakCheck.NUnit.Scenarios.MethodLevel.Checked_method_that_leaks() in FixtureScenarios.cs:line N
                fingerprint: 1c8e89ea

            To accept a known leak, list its fingerprint in IgnoreFingerprints, for example [NoLeaks(IgnoreFingerprints = new[] { "1c8e89ea" })]; see README "Ignoring known leaks".
            """);
    }

    [Fact]
    public void MethodLevel_Unchecked_method_that_leaks_passes()
    {
        var result = Result("MethodLevel.Unchecked_method_that_leaks");

        result.Outcome.Should().Be("Passed");
        result.Output.Should().BeEmpty();
    }

    [Fact]
    public void OneTimeSetUpIsNotBlamed_Uses_the_shared_object_passes()
    {
        var result = Result("OneTimeSetUpIsNotBlamed.Uses_the_shared_object");

        result.Outcome.Should().Be("Passed");
        result.Output.Should().BeEmpty();
    }

    [Fact]
    public void OneTimeTimerRearmedByATest_Pokes_the_debouncer_passes()
    {
        var result = Result("OneTimeTimerRearmedByATest.Pokes_the_debouncer");

        result.Outcome.Should().Be("Passed", result.Output);
        result.Output.Should().BeEmpty();
    }

    [Fact]
    public void ParallelClean_Runs_clean_beside_the_leaky_fixture_passes()
    {
        var result = Result("ParallelClean.Runs_clean_beside_the_leaky_fixture");

        result.Outcome.Should().Be("Passed");
        result.Output.Should().BeEmpty();
    }

    [Fact]
    public void ParallelLeaky_Leaks_beside_the_clean_fixture_fails_with_the_report()
    {
        var result = Result("ParallelLeaky.Leaks_beside_the_clean_fixture");

        result.Outcome.Should().Be("Failed");
        ReportText.Normalize(result.Message).Should().Be(
            """
            LeakCheck: 1 item created by LeakCheck.NUnit.Scenarios.ParallelLeaky.Leaks_beside_the_clean_fixture is still alive after the test (settled in N ms; forced GCs: 1 gen1, 2 full).

            [1] Tracked object "parallel leak" (LeakCheck.NUnit.Scenarios.Connection)
                created at:
                  LeakCheck.NUnit.Scenarios.ParallelLeaky.Leaks_beside_the_clean_fixture() in FixtureScenarios.cs:line N
                fingerprint: fe39110c

            To accept a known leak, list its fingerprint in IgnoreFingerprints, for example [NoLeaks(IgnoreFingerprints = new[] { "fe39110c" })]; see README "Ignoring known leaks".
            """);
    }

    [Fact]
    public void RetryAndRepeat_Repeated_clean_test_passes()
    {
        var result = Result("RetryAndRepeat.Repeated_clean_test");

        result.Outcome.Should().Be("Passed");
        result.Output.Should().BeEmpty();
    }

    [Fact]
    public void RetryAndRepeat_Retried_test_that_fails_once_then_passes_clean_passes()
    {
        var result = Result("RetryAndRepeat.Retried_test_that_fails_once_then_passes_clean");

        result.Outcome.Should().Be("Passed");
        result.Output.Should().BeEmpty();
    }

    [Fact]
    public void SetUpAndTearDown_Left_alive_after_TearDown_fails_with_the_report()
    {
        var result = Result("SetUpAndTearDown.Left_alive_after_TearDown");

        result.Outcome.Should().Be("Failed");
        ReportText.Normalize(result.Message).Should().Be(
            """
            LeakCheck: 1 item created by LeakCheck.NUnit.Scenarios.SetUpAndTearDown.Left_alive_after_TearDown is still alive after the test (settled in N ms; forced GCs: 1 gen1, 2 full).

            [1] Tracked object "from SetUp" (LeakCheck.NUnit.Scenarios.Connection)
                created at:
                  LeakCheck.NUnit.Scenarios.SetUpAndTearDown.SetUp() in FixtureScenarios.cs:line N
                fingerprint: 97f31825

            To accept a known leak, list its fingerprint in IgnoreFingerprints, for example [NoLeaks(IgnoreFingerprints = new[] { "97f31825" })]; see README "Ignoring known leaks".
            """);
    }

    [Fact]
    public void SetUpAndTearDown_Released_in_TearDown_passes()
    {
        var result = Result("SetUpAndTearDown.Released_in_TearDown");

        result.Outcome.Should().Be("Passed");
        result.Output.Should().BeEmpty();
    }

    [Fact]
    public void WarnMode_Leak_goes_to_the_output_passes_and_writes_the_report_to_the_output()
    {
        var result = Result("WarnMode.Leak_goes_to_the_output");

        result.Outcome.Should().Be("Passed");
        ReportText.Normalize(result.Output).Should().Be(
            """
            LeakCheck (warn mode: the test keeps its outcome):
            LeakCheck: 1 item created by LeakCheck.NUnit.Scenarios.WarnMode.Leak_goes_to_the_output is still alive after the test (settled in N ms; forced GCs: 1 gen1, 2 full).

            [1] Tracked object "warned" (LeakCheck.NUnit.Scenarios.Connection)
                created at:
                  LeakCheck.NUnit.Scenarios.WarnMode.Leak_goes_to_the_output() in FixtureScenarios.cs:line N
                fingerprint: 8e19ab69

            To accept a known leak, list its fingerprint in IgnoreFingerprints, for example [NoLeaks(IgnoreFingerprints = new[] { "8e19ab69" })]; see README "Ignoring known leaks".
            """ + "\n");
    }

    [Fact]
    public void Verdicts_are_the_same_when_the_fixtures_run_serially()
    {
        // The two Parallel* fixtures meet at a barrier, which only makes sense when they run side by side.
        var serialFixtures = s_fixtures.Where(f => !f.Name.StartsWith("Parallel", StringComparison.Ordinal)).ToArray();
        var serial = RunOnce(parallelWorkers: 0, serialFixtures);

        serial.Select(r => (r.FullName, r.Outcome)).Should().Equal(
            s_results.Where(r => !r.FullName.Contains(".Parallel", StringComparison.Ordinal)).Select(r => (r.FullName, r.Outcome)));
    }

    [Fact]
    public void A_thread_the_test_left_running_fails_it()
    {
        var result = NUnitScenarioRunner.Run(typeof(ThreadScenarios)).Single();
        ThreadScenarios.Stop.Set();

        result.Outcome.Should().Be("Failed");
        result.Message.Should().StartWith(
            "LeakCheck: 1 item created by LeakCheck.NUnit.Scenarios.ThreadScenarios.Leaves_a_worker_thread_running is still alive after the test")
            .And.Contain("[1] Thread \"nunit worker\" (System.Threading.Thread)\n    still running (background thread)\n");
    }

    [Theory]
    [InlineData(2)]
    [InlineData(0)]
    public void A_wait_the_test_left_registered_fails_it_and_the_clean_twins_pass(int parallelWorkers)
    {
        var results = NUnitScenarioRunner.Run(parallelWorkers, typeof(RegisteredWaitScenarios));

        results.Select(r => (r.FullName, r.Outcome)).OrderBy(r => r.FullName, StringComparer.Ordinal).Should().Equal(
            ("LeakCheck.NUnit.Scenarios.RegisteredWaitScenarios.Leaves_a_wait_registered", "Failed"),
            ("LeakCheck.NUnit.Scenarios.RegisteredWaitScenarios.Sets_the_event_it_waits_for", "Passed"),
            ("LeakCheck.NUnit.Scenarios.RegisteredWaitScenarios.Unregisters_its_wait", "Passed"));
        ReportText.Normalize(results.Single(r => r.Outcome == "Failed").Message).Should().Be(
            """
            LeakCheck: 1 item created by LeakCheck.NUnit.Scenarios.RegisteredWaitScenarios.Leaves_a_wait_registered is still alive after the test (settled in N ms; forced GCs: 0 gen1, 0 full).

            [1] Registered wait System.Threading.RegisteredWaitHandle
                waiting for a handle to be signalled, no time-out; runs its callback once
                callback: LeakCheck.NUnit.Scenarios.RegisteredWaitScenarios.Leaves_a_wait_registered(Object, Boolean) (lambda) in RegisteredWaitScenarios.cs:line N
                created at: not recorded for registered waits (the runtime raises no event for RegisterWaitForSingleObject); the callback above names it
                fingerprint: 0bc68ff9

            To accept a known leak, list its fingerprint in IgnoreFingerprints, for example [NoLeaks(IgnoreFingerprints = new[] { "0bc68ff9" })]; see README "Ignoring known leaks".
            """);
    }

    [Theory]
    [InlineData(2)]
    [InlineData(0)]
    public void A_child_process_the_test_left_running_fails_it_and_the_clean_twins_pass(int parallelWorkers)
    {
        var results = NUnitScenarioRunner.Run(parallelWorkers, typeof(ProcessScenarios));
        while (ProcessScenarios.Started.TryTake(out var child))
        {
            child.Kill();
            child.WaitForExit();
            child.Dispose();
        }

        results.Select(r => (r.FullName, r.Outcome)).OrderBy(r => r.FullName, StringComparer.Ordinal).Should().Equal(
            ("LeakCheck.NUnit.Scenarios.ProcessScenarios.Kills_its_child", "Passed"),
            ("LeakCheck.NUnit.Scenarios.ProcessScenarios.Leaves_a_child_process_running", "Failed"),
            ("LeakCheck.NUnit.Scenarios.ProcessScenarios.Waits_for_its_child", "Passed"));
        System.Text.RegularExpressions.Regex.Replace(ReportText.Normalize(results.Single(r => r.Outcome == "Failed").Message), @"pid \d+", "pid N").Should().Be(
            """
            LeakCheck: 1 item created by LeakCheck.NUnit.Scenarios.ProcessScenarios.Leaves_a_child_process_running is still alive after the test (settled in N ms; forced GCs: 0 gen1, 0 full).

            [1] Child process "sleep" (System.Diagnostics.Process)
                still running: sleep (pid N), started by the test and never waited for or killed
                created at: not recorded for child processes (the runtime raises no event for Process.Start); the file name above names it
                fingerprint: 62965eda

            To accept a known leak, list its fingerprint in IgnoreFingerprints, for example [NoLeaks(IgnoreFingerprints = new[] { "62965eda" })]; see README "Ignoring known leaks".
            """);
    }

    [Theory]
    [InlineData(2)]
    [InlineData(0)]
    public void A_callback_left_on_a_source_the_fixture_holds_fails_the_test_and_its_clean_twin_passes(int parallelWorkers)
    {
        var results = NUnitScenarioRunner.Run(parallelWorkers, typeof(FixtureLifetimeScenarios));

        results.Select(r => (r.FullName, r.Outcome)).OrderBy(r => r.FullName, StringComparer.Ordinal).Should().Equal(
            ("LeakCheck.NUnit.Scenarios.FixtureLifetimeScenarios.Disposes_its_callback_on_the_fixture_lifetime", "Passed"),
            ("LeakCheck.NUnit.Scenarios.FixtureLifetimeScenarios.Leaves_a_callback_on_the_fixture_lifetime", "Failed"));
        ReportText.Normalize(results.Single(r => r.Outcome == "Failed").Message).Should().Be(
            """
            LeakCheck: 1 item created by LeakCheck.NUnit.Scenarios.FixtureLifetimeScenarios.Leaves_a_callback_on_the_fixture_lifetime is still alive after the test (settled in N ms; forced GCs: 0 gen1, 0 full).

            [1] Cancellation registration CancellationToken.Register
                registered on LeakCheck.NUnit.Scenarios.FixtureLifetimeScenarios._lifetime (held by the test's fixture), never unregistered (dispose the CancellationTokenRegistration)
                callback: LeakCheck.NUnit.Scenarios.FixtureLifetimeScenarios.OnStopping() in CancellationScenarios.cs:line N
                created at: not recorded for cancellation registrations (the runtime raises no event for Register); the callback above names it
                fingerprint: d8af6ebf

            To accept a known leak, list its fingerprint in IgnoreFingerprints, for example [NoLeaks(IgnoreFingerprints = new[] { "d8af6ebf" })]; see README "Ignoring known leaks".
            """);
    }

    [Theory]
    [InlineData(2)]
    [InlineData(0)]
    public void Registrations_the_test_left_on_a_long_lived_token_fail_it_and_the_clean_twins_pass(int parallelWorkers)
    {
        var results = NUnitScenarioRunner.Run(parallelWorkers, typeof(CancellationScenarios));

        results.Select(r => (r.FullName, r.Outcome)).OrderBy(r => r.FullName, StringComparer.Ordinal).Should().Equal(
            ("LeakCheck.NUnit.Scenarios.CancellationScenarios.Disposes_its_linked_source", "Passed"),
            ("LeakCheck.NUnit.Scenarios.CancellationScenarios.Disposes_its_registration", "Passed"),
            ("LeakCheck.NUnit.Scenarios.CancellationScenarios.Leaves_a_callback_registered", "Failed"),
            ("LeakCheck.NUnit.Scenarios.CancellationScenarios.Leaves_a_linked_source_undisposed", "Failed"));
        ReportText.Normalize(results.Single(r => r.FullName.EndsWith(".Leaves_a_callback_registered", StringComparison.Ordinal)).Message).Should().Be(
            """
            LeakCheck: 1 item created by LeakCheck.NUnit.Scenarios.CancellationScenarios.Leaves_a_callback_registered is still alive after the test (settled in N ms; forced GCs: 0 gen1, 0 full).

            [1] Cancellation registration CancellationToken.Register
                registered on static LeakCheck.NUnit.Scenarios.ApplicationLifetime.Stopping, never unregistered (dispose the CancellationTokenRegistration)
                callback: LeakCheck.NUnit.Scenarios.CancellationScenarios.OnStopping() in CancellationScenarios.cs:line N
                created at: not recorded for cancellation registrations (the runtime raises no event for Register); the callback above names it
                fingerprint: 145837bd

            To accept a known leak, list its fingerprint in IgnoreFingerprints, for example [NoLeaks(IgnoreFingerprints = new[] { "145837bd" })]; see README "Ignoring known leaks".
            """);
        ReportText.Normalize(results.Single(r => r.FullName.EndsWith(".Leaves_a_linked_source_undisposed", StringComparison.Ordinal)).Message).Should().Be(
            """
            LeakCheck: 1 item created by LeakCheck.NUnit.Scenarios.CancellationScenarios.Leaves_a_linked_source_undisposed is still alive after the test (settled in N ms; forced GCs: 0 gen1, 0 full).

            [1] Cancellation registration CancellationTokenSource.CreateLinkedTokenSource
                a linked CancellationTokenSource never disposed, registered on static LeakCheck.NUnit.Scenarios.ApplicationLifetime.Stopping
                callback registered on it: LeakCheck.NUnit.Scenarios.CancellationScenarios.Leaves_a_linked_source_undisposed() (lambda) in CancellationScenarios.cs:line N
                created at: not recorded for cancellation registrations (the runtime raises no event for Register); the callback above names it
                fingerprint: ea249dbe

            To accept a known leak, list its fingerprint in IgnoreFingerprints, for example [NoLeaks(IgnoreFingerprints = new[] { "ea249dbe" })]; see README "Ignoring known leaks".
            """);
    }

    [Theory]
    [InlineData(2)]
    [InlineData(0)]
    public void A_work_item_the_test_left_running_fails_it_and_the_clean_twin_passes(int parallelWorkers)
    {
        var results = NUnitScenarioRunner.Run(parallelWorkers, typeof(WorkItemScenarios));
        WorkItemScenarios.Release.Release();

        results.Select(r => (r.FullName, r.Outcome)).OrderBy(r => r.FullName, StringComparer.Ordinal).Should().Equal(
            ("LeakCheck.NUnit.Scenarios.WorkItemScenarios.Leaves_a_work_item_running", "Failed"),
            ("LeakCheck.NUnit.Scenarios.WorkItemScenarios.Waits_for_its_work_item", "Passed"));
        ReportText.Normalize(results.Single(r => r.Outcome == "Failed").Message).Should().Be(
            """
            LeakCheck: 1 item created by LeakCheck.NUnit.Scenarios.WorkItemScenarios.Leaves_a_work_item_running is still alive after the test (settled in N ms; forced GCs: 0 gen1, 0 full).

            [1] Work item thread-pool work item
                still running on a thread-pool thread (queued with ThreadPool.QueueUserWorkItem, or a callback that captured the test's context)
                created at: not recorded for work items (the runtime raises no event for QueueUserWorkItem and cannot read a running thread's stack)
                fingerprint: 7a2735ce

            To accept a known leak, list its fingerprint in IgnoreFingerprints, for example [NoLeaks(IgnoreFingerprints = new[] { "7a2735ce" })]; see README "Ignoring known leaks".
            """);
    }
}

/// <summary>The NUnit the scenarios run on (CI runs them on the lowest and the highest supported).</summary>
internal static class NUnitVersionInfo
{
    public static System.Version Version { get; } = typeof(global::NUnit.Framework.Assert).Assembly.GetName().Version!;
}

/// <summary>NUnit runs share the scenarios' statics (the gate, the barrier): one at a time.</summary>
[CollectionDefinition(nameof(NUnitRuns), DisableParallelization = true)]
public sealed class NUnitRuns
{
}
