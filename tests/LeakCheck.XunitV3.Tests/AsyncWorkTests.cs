using System.Linq;
using System.Text.RegularExpressions;
using FluentAssertions;
using LeakCheck.XunitV3.Tests.Infrastructure;
using Xunit;

namespace LeakCheck.XunitV3.Tests;

/// <summary>Pending async work and its clean counterparts through the real xUnit v3 runner.</summary>
public class AsyncWorkTests
{
    private static readonly ScenarioRun s_run = ScenarioRunner.Run("LeakyAsyncWork", "CleanAsyncWork");

    private static ScenarioResult Result(string className, string method)
        => s_run.Results.Single(r => r.DisplayName == $"LeakCheck.XunitV3.Scenarios.{className}.{method}");

    [Fact]
    public void Async_method_awaiting_a_semaphore_nobody_releases_is_reported()
    {
        var result = Result("LeakyAsyncWork", "Async_method_awaiting_a_semaphore_nobody_releases");

        result.Outcome.Should().Be(ScenarioOutcome.Failed);
        ReportText.Normalize(result.Failure).Should().Be(
            """
            LeakCheck.LeakDetectedException : LeakCheck: 1 item created by LeakCheck.XunitV3.Scenarios.LeakyAsyncWork.Async_method_awaiting_a_semaphore_nobody_releases is still alive after the test (settled in N ms; forced GCs: 1 gen1, 2 full).

            [1] Async method LeakCheck.XunitV3.Scenarios.LeakyAsyncWork.WaitForSignal(CancellationToken)
                waiting at await #1: SemaphoreSlim.WaitAsync
                created at:
                  LeakCheck.XunitV3.Scenarios.LeakyAsyncWork.WaitForSignal(CancellationToken) in AsyncWorkScenarios.cs:line N
                  LeakCheck.XunitV3.Scenarios.LeakyAsyncWork.Async_method_awaiting_a_semaphore_nobody_releases() in AsyncWorkScenarios.cs:line N
                fingerprint: 9cf6f557

            To accept a known leak, list its fingerprint in IgnoreFingerprints, for example [NoLeaks(IgnoreFingerprints = new[] { "9cf6f557" })]; see README "Ignoring known leaks".
            """);
    }

    [Fact]
    public void Work_started_with_Task_Run_is_owned_by_the_test_and_reported()
    {
        var result = Result("LeakyAsyncWork", "Task_Run_work_waiting_for_a_semaphore_nobody_releases");

        // How many collections settling forces here depends on when the pool runs the Task.Run delegate relative to
        // the end of the test (measured: 0/1 and 1/2), so only these counts are left out of the comparison.
        result.Outcome.Should().Be(ScenarioOutcome.Failed);
        Regex.Replace(ReportText.Normalize(result.Failure), @"forced GCs: \d+ gen1, \d+ full", "forced GCs: N").Should().Be(
            """
            LeakCheck.LeakDetectedException : LeakCheck: 1 item created by LeakCheck.XunitV3.Scenarios.LeakyAsyncWork.Task_Run_work_waiting_for_a_semaphore_nobody_releases is still alive after the test (settled in N ms; forced GCs: N).

            [1] Async method LeakCheck.XunitV3.Scenarios.LeakyAsyncWork.Task_Run_work_waiting_for_a_semaphore_nobody_releases() (lambda)
                waiting at await #1: SemaphoreSlim.WaitAsync
                created at:
                  LeakCheck.XunitV3.Scenarios.LeakyAsyncWork.Task_Run_work_waiting_for_a_semaphore_nobody_releases() (lambda) in AsyncWorkScenarios.cs:line N
                  LeakCheck.XunitV3.Scenarios.LeakyAsyncWork.Task_Run_work_waiting_for_a_semaphore_nobody_releases() in AsyncWorkScenarios.cs:line N
                fingerprint: 3ae1e330

            To accept a known leak, list its fingerprint in IgnoreFingerprints, for example [NoLeaks(IgnoreFingerprints = new[] { "3ae1e330" })]; see README "Ignoring known leaks".
            """);
    }

    [Fact]
    public void Thread_started_by_the_test_is_owned_by_it_and_reported()
    {
        var result = Result("LeakyAsyncWork", "Thread_blocked_on_a_gate_nobody_opens");

        result.Outcome.Should().Be(ScenarioOutcome.Failed);
        ReportText.Normalize(result.Failure).Should().Be(
            """
            LeakCheck.LeakDetectedException : LeakCheck: 1 item created by LeakCheck.XunitV3.Scenarios.LeakyAsyncWork.Thread_blocked_on_a_gate_nobody_opens is still alive after the test (settled in N ms; forced GCs: 1 gen1, 2 full).

            [1] Thread "leaky worker" (System.Threading.Thread)
                still running (background thread)
                created at: not recorded for threads (the runtime raises no event for Thread.Start); name the thread to find it
                fingerprint: 909a3dbe

            To accept a known leak, list its fingerprint in IgnoreFingerprints, for example [NoLeaks(IgnoreFingerprints = new[] { "909a3dbe" })]; see README "Ignoring known leaks".
            """);
    }

    [Fact]
    public void Awaited_work_is_not_a_leak_passes()
        => Result("CleanAsyncWork", "Awaited_work_is_not_a_leak").Outcome.Should().Be(ScenarioOutcome.Passed);

    [Fact]
    public void Short_fire_and_forget_finishes_while_settling_passes()
        => Result("CleanAsyncWork", "Short_fire_and_forget_finishes_while_settling").Outcome.Should().Be(ScenarioOutcome.Passed);
}
