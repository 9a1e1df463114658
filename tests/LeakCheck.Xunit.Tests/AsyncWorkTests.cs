using System.Collections.Generic;
using System.Linq;
using FluentAssertions;
using LeakCheck.Xunit.Scenarios;
using LeakCheck.Xunit.Tests.Infrastructure;
using Xunit;

namespace LeakCheck.Xunit.Tests;

/// <summary>
/// Runs of the async-work scenarios share statics (<see cref="LeakGate"/>, the channels the leaky tests keep),
/// so they run one at a time.
/// </summary>
[CollectionDefinition(nameof(AsyncWorkScenarioRuns))]
public sealed class AsyncWorkScenarioRuns
{
}

/// <summary>
/// Every leaky form of async work and its clean counterparts, through the real xUnit runner. Messages are
/// compared whole; only the settle milliseconds and line numbers are normalised (see <see cref="ReportText"/>).
/// </summary>
[Collection(nameof(AsyncWorkScenarioRuns))]
public class AsyncWorkTests
{
    private static readonly IReadOnlyList<ScenarioResult> s_results = RunOnce();

    private static IReadOnlyList<ScenarioResult> RunOnce()
    {
        var results = ScenarioRunner.Run(leakCheckFramework: true, typeof(LeakyAsyncWork), typeof(CleanAsyncWork));
        LeakGate.ReleaseAll();
        return results;
    }

    private static ScenarioResult Result(string className, string method)
        => s_results.Single(r => r.DisplayName == $"LeakCheck.Xunit.Scenarios.{className}.{method}");

    [Fact]
    public void Awaited_work_is_not_a_leak_passes()
        => Result("CleanAsyncWork", "Awaited_work_is_not_a_leak").Outcome.Should().Be(ScenarioOutcome.Passed);

    [Fact]
    public void Cancelled_delay_is_not_a_leak_passes()
        => Result("CleanAsyncWork", "Cancelled_delay_is_not_a_leak").Outcome.Should().Be(ScenarioOutcome.Passed);

    [Fact]
    public void Consumer_drains_a_completed_channel_after_the_test_passes()
        => Result("CleanAsyncWork", "Consumer_drains_a_completed_channel_after_the_test").Outcome.Should().Be(ScenarioOutcome.Passed);

    [Fact]
    public void Faulted_task_is_not_a_leak_passes()
        => Result("CleanAsyncWork", "Faulted_task_is_not_a_leak").Outcome.Should().Be(ScenarioOutcome.Passed);

    [Fact]
    public void Released_semaphore_is_not_a_leak_passes()
        => Result("CleanAsyncWork", "Released_semaphore_is_not_a_leak").Outcome.Should().Be(ScenarioOutcome.Passed);

    [Fact]
    public void Short_fire_and_forget_finishes_while_settling_passes()
        => Result("CleanAsyncWork", "Short_fire_and_forget_finishes_while_settling").Outcome.Should().Be(ScenarioOutcome.Passed);

    [Fact]
    public void Async_method_awaiting_a_semaphore_nobody_releases_is_reported()
    {
        var result = Result("LeakyAsyncWork", "Async_method_awaiting_a_semaphore_nobody_releases");

        result.Outcome.Should().Be(ScenarioOutcome.Failed);
        ReportText.Normalize(result.Failure).Should().Be(
            """
            LeakCheck.LeakDetectedException : LeakCheck: 1 item created by LeakCheck.Xunit.Scenarios.LeakyAsyncWork.Async_method_awaiting_a_semaphore_nobody_releases is still alive after the test (settled in N ms; forced GCs: 1 gen1, 2 full).

            [1] Async method LeakCheck.Xunit.Scenarios.LeakyAsyncWork.WaitForSignal(CancellationToken)
                waiting at await #1: SemaphoreSlim.WaitAsync
                created at:
                  LeakCheck.Xunit.Scenarios.LeakyAsyncWork.WaitForSignal(CancellationToken) in AsyncWorkScenarios.cs:line N
                  LeakCheck.Xunit.Scenarios.LeakyAsyncWork.Async_method_awaiting_a_semaphore_nobody_releases() in AsyncWorkScenarios.cs:line N
                fingerprint: f8f96364

            To accept a known leak, list its fingerprint in IgnoreFingerprints, for example [NoLeaks(IgnoreFingerprints = new[] { "f8f96364" })]; see README "Ignoring known leaks".
            """);
    }

    [Fact]
    public void Async_method_awaiting_a_task_nobody_completes_is_reported()
    {
        var result = Result("LeakyAsyncWork", "Async_method_awaiting_a_task_nobody_completes");

        result.Outcome.Should().Be(ScenarioOutcome.Failed);
        ReportText.Normalize(result.Failure).Should().Be(
            """
            LeakCheck.LeakDetectedException : LeakCheck: 1 item created by LeakCheck.Xunit.Scenarios.LeakyAsyncWork.Async_method_awaiting_a_task_nobody_completes is still alive after the test (settled in N ms; forced GCs: 1 gen1, 2 full).

            [1] Async method LeakCheck.Xunit.Scenarios.LeakyAsyncWork.AwaitForever(Task)
                waiting at await #1: a task nobody completed (TaskCompletionSource)
                created at:
                  LeakCheck.Xunit.Scenarios.LeakyAsyncWork.AwaitForever(Task) in AsyncWorkScenarios.cs:line N
                  LeakCheck.Xunit.Scenarios.LeakyAsyncWork.Async_method_awaiting_a_task_nobody_completes() in AsyncWorkScenarios.cs:line N
                fingerprint: 8cb65166

            To accept a known leak, list its fingerprint in IgnoreFingerprints, for example [NoLeaks(IgnoreFingerprints = new[] { "8cb65166" })]; see README "Ignoring known leaks".
            """);
    }

    [Fact]
    public void Chain_started_by_Task_Run_shows_where_it_is_stuck_and_the_test_that_started_it()
    {
        var result = ScenarioRunner.Run(leakCheckFramework: true, typeof(ChainStartedByTaskRun)).Single();
        LeakGate.ReleaseAll();

        result.Outcome.Should().Be(ScenarioOutcome.Failed);
        ReportText.Normalize(result.Failure).Should().Be(
            """
            LeakCheck.LeakDetectedException : LeakCheck: 1 item created by LeakCheck.Xunit.Scenarios.ChainStartedByTaskRun.Chain_waits_on_a_gate is still alive after the test (settled in N ms; forced GCs: 1 gen1, 2 full).

            [1] Async method LeakCheck.Xunit.Scenarios.ChainStartedByTaskRun.OuterAsync(Task)
                waiting at await #1: async LeakCheck.Xunit.Scenarios.ChainStartedByTaskRun.InnerAsync(Task)
                which is waiting at await #1: a task nobody completed (TaskCompletionSource)
                created at:
                  LeakCheck.Xunit.Scenarios.ChainStartedByTaskRun.OuterAsync(Task) in AsyncWorkScenarios.cs:line N
                  LeakCheck.Xunit.Scenarios.ChainStartedByTaskRun.Chain_waits_on_a_gate() (lambda) in AsyncWorkScenarios.cs:line N
                  LeakCheck.Xunit.Scenarios.ChainStartedByTaskRun.Chain_waits_on_a_gate() in AsyncWorkScenarios.cs:line N
                fingerprint: e3ea6342

            To accept a known leak, list its fingerprint in IgnoreFingerprints, for example [NoLeaks(IgnoreFingerprints = new[] { "e3ea6342" })]; see README "Ignoring known leaks".
            """);
    }

    [Fact]
    public void Async_method_with_a_Task_Delay_loop_is_reported()
    {
        var result = Result("LeakyAsyncWork", "Async_method_with_a_Task_Delay_loop");

        result.Outcome.Should().Be(ScenarioOutcome.Failed);
        ReportText.Normalize(result.Failure).Should().Be(
            """
            LeakCheck.LeakDetectedException : LeakCheck: 1 item created by LeakCheck.Xunit.Scenarios.LeakyAsyncWork.Async_method_with_a_Task_Delay_loop is still alive after the test (settled in N ms; forced GCs: 1 gen1, 2 full).

            [1] Async method LeakCheck.Xunit.Scenarios.LeakyAsyncWork.Heartbeat(CancellationToken)
                waiting at await #1: Task.Delay
                created at:
                  LeakCheck.Xunit.Scenarios.LeakyAsyncWork.Heartbeat(CancellationToken) in AsyncWorkScenarios.cs:line N
                  LeakCheck.Xunit.Scenarios.LeakyAsyncWork.Async_method_with_a_Task_Delay_loop() in AsyncWorkScenarios.cs:line N
                fingerprint: 132fdf88

            To accept a known leak, list its fingerprint in IgnoreFingerprints, for example [NoLeaks(IgnoreFingerprints = new[] { "132fdf88" })]; see README "Ignoring known leaks".
            """);
    }

    [Fact]
    public void Async_void_method_still_running_is_reported()
    {
        var result = Result("LeakyAsyncWork", "Async_void_method_still_running");

        result.Outcome.Should().Be(ScenarioOutcome.Failed);
        ReportText.Normalize(result.Failure).Should().Be(
            """
            LeakCheck.LeakDetectedException : LeakCheck: 1 item created by LeakCheck.Xunit.Scenarios.LeakyAsyncWork.Async_void_method_still_running is still alive after the test (settled in N ms; forced GCs: 1 gen1, 2 full).

            [1] Async method LeakCheck.Xunit.Scenarios.LeakyAsyncWork.FireAndForget(Task) (async void)
                waiting at await #1: a task nobody completed (TaskCompletionSource)
                created at:
                  LeakCheck.Xunit.Scenarios.LeakyAsyncWork.FireAndForget(Task) in AsyncWorkScenarios.cs:line N
                  LeakCheck.Xunit.Scenarios.LeakyAsyncWork.Async_void_method_still_running() in AsyncWorkScenarios.cs:line N
                fingerprint: 207f99c2

            To accept a known leak, list its fingerprint in IgnoreFingerprints, for example [NoLeaks(IgnoreFingerprints = new[] { "207f99c2" })]; see README "Ignoring known leaks".
            """);
    }

    [Fact]
    public void ContinueWith_on_a_task_that_never_completes_is_reported()
    {
        var result = Result("LeakyAsyncWork", "ContinueWith_on_a_task_that_never_completes");

        result.Outcome.Should().Be(ScenarioOutcome.Failed);
        ReportText.Normalize(result.Failure).Should().Be(
            """
            LeakCheck.LeakDetectedException : LeakCheck: 1 item created by LeakCheck.Xunit.Scenarios.LeakyAsyncWork.ContinueWith_on_a_task_that_never_completes is still alive after the test (settled in N ms; forced GCs: 0 gen1, 0 full).

            [1] Task LeakCheck.Xunit.Scenarios.LeakyAsyncWork.ContinueWith_on_a_task_that_never_completes(Task) (lambda)
                continuation waiting for a task that has not completed
                created at:
                  LeakCheck.Xunit.Scenarios.LeakyAsyncWork.ContinueWith_on_a_task_that_never_completes() in AsyncWorkScenarios.cs:line N
                fingerprint: 0df2a704

            To accept a known leak, list its fingerprint in IgnoreFingerprints, for example [NoLeaks(IgnoreFingerprints = new[] { "0df2a704" })]; see README "Ignoring known leaks".
            """);
    }

    [Fact]
    public void Reader_abandoned_on_a_channel_nobody_references_is_reported()
    {
        var result = Result("LeakyAsyncWork", "Reader_abandoned_on_a_channel_nobody_references");

        result.Outcome.Should().Be(ScenarioOutcome.Failed);
        ReportText.Normalize(result.Failure).Should().Be(
            """
            LeakCheck.LeakDetectedException : LeakCheck: 1 item created by LeakCheck.Xunit.Scenarios.LeakyAsyncWork.Reader_abandoned_on_a_channel_nobody_references is still alive after the test (settled in N ms; forced GCs: 1 gen1, 0 full).

            [1] Abandoned async method LeakCheck.Xunit.Scenarios.LeakyAsyncWork.ReadOne(ChannelReader<Int32>)
                was waiting at await #1: ChannelReader<Int32>.ReadAsync when it was garbage-collected: it never completes and its finally blocks never run
                created at:
                  LeakCheck.Xunit.Scenarios.LeakyAsyncWork.ReadOne(ChannelReader<Int32>) in AsyncWorkScenarios.cs:line N
                  LeakCheck.Xunit.Scenarios.LeakyAsyncWork.Reader_abandoned_on_a_channel_nobody_references() in AsyncWorkScenarios.cs:line N
                fingerprint: 7d8f6f76

            To accept a known leak, list its fingerprint in IgnoreFingerprints, for example [NoLeaks(IgnoreFingerprints = new[] { "7d8f6f76" })]; see README "Ignoring known leaks".
            """);
    }

    [Fact]
    public void Reader_blocked_in_ReadAllAsync_is_reported()
    {
        var result = Result("LeakyAsyncWork", "Reader_blocked_in_ReadAllAsync");

        result.Outcome.Should().Be(ScenarioOutcome.Failed);
        ReportText.Normalize(result.Failure).Should().Be(
            """
            LeakCheck.LeakDetectedException : LeakCheck: 1 item created by LeakCheck.Xunit.Scenarios.LeakyAsyncWork.Reader_blocked_in_ReadAllAsync is still alive after the test (settled in N ms; forced GCs: 1 gen1, 2 full).

            [1] Channel reader LeakCheck.Xunit.Scenarios.LeakyAsyncWork.ReadAll(ChannelReader<Guid>)
                waiting at await #1: ChannelReader<Guid>.ReadAllAsync
                created at:
                  LeakCheck.Xunit.Scenarios.LeakyAsyncWork.ReadAll(ChannelReader<Guid>) in AsyncWorkScenarios.cs:line N
                  LeakCheck.Xunit.Scenarios.LeakyAsyncWork.Reader_blocked_in_ReadAllAsync() in AsyncWorkScenarios.cs:line N
                fingerprint: 2c5eb7ab

            To accept a known leak, list its fingerprint in IgnoreFingerprints, for example [NoLeaks(IgnoreFingerprints = new[] { "2c5eb7ab" })]; see README "Ignoring known leaks".
            """);
    }

    [Fact]
    public void Reader_blocked_in_ReadAsync_is_reported()
    {
        var result = Result("LeakyAsyncWork", "Reader_blocked_in_ReadAsync");

        result.Outcome.Should().Be(ScenarioOutcome.Failed);
        ReportText.Normalize(result.Failure).Should().Be(
            """
            LeakCheck.LeakDetectedException : LeakCheck: 1 item created by LeakCheck.Xunit.Scenarios.LeakyAsyncWork.Reader_blocked_in_ReadAsync is still alive after the test (settled in N ms; forced GCs: 1 gen1, 2 full).

            [1] Channel reader LeakCheck.Xunit.Scenarios.LeakyAsyncWork.ReadOne(ChannelReader<Int32>)
                waiting at await #1: ChannelReader<Int32>.ReadAsync
                created at:
                  LeakCheck.Xunit.Scenarios.LeakyAsyncWork.ReadOne(ChannelReader<Int32>) in AsyncWorkScenarios.cs:line N
                  LeakCheck.Xunit.Scenarios.LeakyAsyncWork.Reader_blocked_in_ReadAsync() in AsyncWorkScenarios.cs:line N
                fingerprint: 23921aab

            To accept a known leak, list its fingerprint in IgnoreFingerprints, for example [NoLeaks(IgnoreFingerprints = new[] { "23921aab" })]; see README "Ignoring known leaks".
            """);
    }

    [Fact]
    public void Reader_blocked_in_WaitToReadAsync_is_reported()
    {
        var result = Result("LeakyAsyncWork", "Reader_blocked_in_WaitToReadAsync");

        result.Outcome.Should().Be(ScenarioOutcome.Failed);
        ReportText.Normalize(result.Failure).Should().Be(
            """
            LeakCheck.LeakDetectedException : LeakCheck: 1 item created by LeakCheck.Xunit.Scenarios.LeakyAsyncWork.Reader_blocked_in_WaitToReadAsync is still alive after the test (settled in N ms; forced GCs: 1 gen1, 2 full).

            [1] Channel reader LeakCheck.Xunit.Scenarios.LeakyAsyncWork.WaitToRead(ChannelReader<Int64>)
                waiting at await #1: ChannelReader<Int64>.WaitToReadAsync
                created at:
                  LeakCheck.Xunit.Scenarios.LeakyAsyncWork.WaitToRead(ChannelReader<Int64>) in AsyncWorkScenarios.cs:line N
                  LeakCheck.Xunit.Scenarios.LeakyAsyncWork.Reader_blocked_in_WaitToReadAsync() in AsyncWorkScenarios.cs:line N
                fingerprint: e41dfb64

            To accept a known leak, list its fingerprint in IgnoreFingerprints, for example [NoLeaks(IgnoreFingerprints = new[] { "e41dfb64" })]; see README "Ignoring known leaks".
            """);
    }

    [Fact]
    public void Readers_blocked_on_every_channel_kind_is_reported()
    {
        var result = Result("LeakyAsyncWork", "Readers_blocked_on_every_channel_kind");

        result.Outcome.Should().Be(ScenarioOutcome.Failed);
        ReportText.Normalize(result.Failure).Should().Be(
            """
            LeakCheck.LeakDetectedException : LeakCheck: 4 items created by LeakCheck.Xunit.Scenarios.LeakyAsyncWork.Readers_blocked_on_every_channel_kind are still alive after the test (settled in N ms; forced GCs: 1 gen1, 2 full).

            [1] Channel reader LeakCheck.Xunit.Scenarios.LeakyAsyncWork.ReadOneOf(ChannelReader<T>)
                waiting at await #1: ChannelReader<Int32>.ReadAsync
                created at:
                  LeakCheck.Xunit.Scenarios.LeakyAsyncWork.ReadOneOf(ChannelReader<T>) in AsyncWorkScenarios.cs:line N
                  LeakCheck.Xunit.Scenarios.LeakyAsyncWork.Readers_blocked_on_every_channel_kind() in AsyncWorkScenarios.cs:line N
                fingerprint: 78a62d02

            [2] Channel reader LeakCheck.Xunit.Scenarios.LeakyAsyncWork.ReadOneOf(ChannelReader<T>)
                waiting at await #1: ChannelReader<Int32>.ReadAsync
                created at:
                  LeakCheck.Xunit.Scenarios.LeakyAsyncWork.ReadOneOf(ChannelReader<T>) in AsyncWorkScenarios.cs:line N
                  LeakCheck.Xunit.Scenarios.LeakyAsyncWork.Readers_blocked_on_every_channel_kind() in AsyncWorkScenarios.cs:line N
                fingerprint: 78a62d02

            [3] Channel reader LeakCheck.Xunit.Scenarios.LeakyAsyncWork.ReadOneOf(ChannelReader<T>)
                waiting at await #1: ChannelReader<Int32>.ReadAsync
                created at:
                  LeakCheck.Xunit.Scenarios.LeakyAsyncWork.ReadOneOf(ChannelReader<T>) in AsyncWorkScenarios.cs:line N
                  LeakCheck.Xunit.Scenarios.LeakyAsyncWork.Readers_blocked_on_every_channel_kind() in AsyncWorkScenarios.cs:line N
                fingerprint: 78a62d02

            [4] Channel reader LeakCheck.Xunit.Scenarios.LeakyAsyncWork.ReadOneOf(ChannelReader<T>)
                waiting at await #1: ChannelReader<Int32>.ReadAsync
                created at:
                  LeakCheck.Xunit.Scenarios.LeakyAsyncWork.ReadOneOf(ChannelReader<T>) in AsyncWorkScenarios.cs:line N
                  LeakCheck.Xunit.Scenarios.LeakyAsyncWork.Readers_blocked_on_every_channel_kind() in AsyncWorkScenarios.cs:line N
                fingerprint: 78a62d02

            To accept a known leak, list its fingerprint in IgnoreFingerprints, for example [NoLeaks(IgnoreFingerprints = new[] { "78a62d02" })]; see README "Ignoring known leaks".
            """);
    }

    [Fact]
    public void StartNew_long_running_blocking_take_is_reported()
    {
        var result = Result("LeakyAsyncWork", "StartNew_long_running_blocking_take");

        result.Outcome.Should().Be(ScenarioOutcome.Failed);
        ReportText.Normalize(result.Failure).Should().Be(
            """
            LeakCheck.LeakDetectedException : LeakCheck: 1 item created by LeakCheck.Xunit.Scenarios.LeakyAsyncWork.StartNew_long_running_blocking_take is still alive after the test (settled in N ms; forced GCs: 0 gen1, 0 full).

            [1] Task LeakCheck.Xunit.Scenarios.LeakyAsyncWork.StartNew_long_running_blocking_take() (lambda)
                running
                created at:
                  LeakCheck.Xunit.Scenarios.LeakyAsyncWork.StartNew_long_running_blocking_take() in AsyncWorkScenarios.cs:line N
                fingerprint: db8941e9

            To accept a known leak, list its fingerprint in IgnoreFingerprints, for example [NoLeaks(IgnoreFingerprints = new[] { "db8941e9" })]; see README "Ignoring known leaks".
            """);
    }

    [Fact]
    public void Task_Run_polling_loop_is_reported()
    {
        var result = Result("LeakyAsyncWork", "Task_Run_polling_loop");

        result.Outcome.Should().Be(ScenarioOutcome.Failed);
        ReportText.Normalize(result.Failure).Should().Be(
            """
            LeakCheck.LeakDetectedException : LeakCheck: 1 item created by LeakCheck.Xunit.Scenarios.LeakyAsyncWork.Task_Run_polling_loop is still alive after the test (settled in N ms; forced GCs: 0 gen1, 0 full).

            [1] Task LeakCheck.Xunit.Scenarios.LeakyAsyncWork.Task_Run_polling_loop() (lambda)
                running
                created at:
                  LeakCheck.Xunit.Scenarios.LeakyAsyncWork.Task_Run_polling_loop() in AsyncWorkScenarios.cs:line N
                fingerprint: fd9f8390

            To accept a known leak, list its fingerprint in IgnoreFingerprints, for example [NoLeaks(IgnoreFingerprints = new[] { "fd9f8390" })]; see README "Ignoring known leaks".
            """);
    }

    [Fact]
    public void Writer_blocked_on_a_full_bounded_channel_is_reported()
    {
        var result = Result("LeakyAsyncWork", "Writer_blocked_on_a_full_bounded_channel");

        result.Outcome.Should().Be(ScenarioOutcome.Failed);
        ReportText.Normalize(result.Failure).Should().Be(
            """
            LeakCheck.LeakDetectedException : LeakCheck: 1 item created by LeakCheck.Xunit.Scenarios.LeakyAsyncWork.Writer_blocked_on_a_full_bounded_channel is still alive after the test (settled in N ms; forced GCs: 1 gen1, 2 full).

            [1] Channel writer LeakCheck.Xunit.Scenarios.LeakyAsyncWork.WriteOne(ChannelWriter<String>)
                waiting at await #1: ChannelWriter<String>.WriteAsync
                created at:
                  LeakCheck.Xunit.Scenarios.LeakyAsyncWork.WriteOne(ChannelWriter<String>) in AsyncWorkScenarios.cs:line N
                  LeakCheck.Xunit.Scenarios.LeakyAsyncWork.Writer_blocked_on_a_full_bounded_channel() in AsyncWorkScenarios.cs:line N
                fingerprint: 0815479d

            To accept a known leak, list its fingerprint in IgnoreFingerprints, for example [NoLeaks(IgnoreFingerprints = new[] { "0815479d" })]; see README "Ignoring known leaks".
            """);
    }
}
