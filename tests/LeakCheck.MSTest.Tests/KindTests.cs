using FluentAssertions;
using LeakCheck.MSTest.Tests.Infrastructure;
using Xunit;

namespace LeakCheck.MSTest.Tests;

/// <summary>Every kind of leak fails its MSTest test with the whole report; clean work and unchecked classes pass.</summary>
public class KindTests
{
    private const string Hint = "To accept a known leak, list its fingerprint in IgnoreFingerprints, for example [NoLeaks(IgnoreFingerprints = new[] { \"{0}\" })]; see README \"Ignoring known leaks\".";

    private static string Failure(string test, string gcs, string item, string fingerprint)
        => Runs.LeakFailure("LeakyKinds", $"LeakCheck: 1 item created by LeakCheck.MSTest.Scenarios.LeakyKinds.{test} is still alive after the test (settled in N ms; forced GCs: {gcs}).\n\n"
            + item + $"\n    fingerprint: {fingerprint}\n\n" + Hint.Replace("{0}", fingerprint, System.StringComparison.Ordinal));

    private static void ShouldFailWith(string test, string expected)
    {
        var result = Runs.Parallel.Result("LeakyKinds", test);

        result.Outcome.Should().Be("Failed");
        ReportText.Normalize(result.Message).Should().Be(expected);
    }

    [Fact]
    public void Tracked_object_kept_by_a_static_is_reported()
        => ShouldFailWith("Tracked_object_kept_by_a_static", Failure("Tracked_object_kept_by_a_static", "1 gen1, 2 full",
            """
            [1] Tracked object "session" (LeakCheck.MSTest.Scenarios.Session)
                created at:
                  LeakCheck.MSTest.Scenarios.LeakyKinds.Tracked_object_kept_by_a_static() in KindScenarios.cs:line N
            """, "7b772618"));

    [Fact]
    public void Running_task_is_reported()
        => ShouldFailWith("Long_running_task_blocked_on_a_semaphore_nobody_releases", Failure("Long_running_task_blocked_on_a_semaphore_nobody_releases", "0 gen1, 0 full",
            """
            [1] Task LeakCheck.MSTest.Scenarios.LeakyKinds.Long_running_task_blocked_on_a_semaphore_nobody_releases() (lambda)
                running
                created at:
                  LeakCheck.MSTest.Scenarios.LeakyKinds.Long_running_task_blocked_on_a_semaphore_nobody_releases() in KindScenarios.cs:line N
            """, "8342bb77"));

    [Fact]
    public void Pending_continuation_is_reported()
        => ShouldFailWith("Continuation_of_a_task_that_never_completes", Failure("Continuation_of_a_task_that_never_completes", "0 gen1, 0 full",
            """
            [1] Task LeakCheck.MSTest.Scenarios.LeakyKinds.Continuation_of_a_task_that_never_completes(Task) (lambda)
                continuation waiting for a task that has not completed
                created at:
                  LeakCheck.MSTest.Scenarios.LeakyKinds.Continuation_of_a_task_that_never_completes() in KindScenarios.cs:line N
            """, "00af0660"));

    [Fact]
    public void Suspended_async_method_is_reported_with_what_it_awaits()
        => ShouldFailWith("Async_method_awaiting_a_semaphore_nobody_releases", Failure("Async_method_awaiting_a_semaphore_nobody_releases", "1 gen1, 2 full",
            """
            [1] Async method LeakCheck.MSTest.Scenarios.LeakyKinds.WaitForSignal(CancellationToken)
                waiting at await #1: SemaphoreSlim.WaitAsync
                created at:
                  LeakCheck.MSTest.Scenarios.LeakyKinds.WaitForSignal(CancellationToken) in KindScenarios.cs:line N
                  LeakCheck.MSTest.Scenarios.LeakyKinds.Async_method_awaiting_a_semaphore_nobody_releases() in KindScenarios.cs:line N
            """, "9f3c969e"));

    [Fact]
    public void Armed_timer_is_reported_with_its_callback_and_the_type_of_its_state_only()
        => ShouldFailWith("Threading_timer_kept_by_a_static", Failure("Threading_timer_kept_by_a_static", "1 gen1, 2 full",
            """
            [1] Timer System.Threading.Timer
                due 00:00:30 after it was armed or last fired, period 00:00:10
                callback: LeakCheck.MSTest.Scenarios.LeakyKinds.Trim(Object)
                state: LeakCheck.MSTest.Scenarios.CacheState
                created at:
                  LeakCheck.MSTest.Scenarios.LeakyKinds.Threading_timer_kept_by_a_static() in KindScenarios.cs:line N
            """, "31de7fc7"));

    [Fact]
    public void Running_thread_is_reported_by_name()
        => ShouldFailWith("Thread_blocked_on_a_gate_nobody_opens", Failure("Thread_blocked_on_a_gate_nobody_opens", "1 gen1, 2 full",
            """
            [1] Thread "leaky worker" (System.Threading.Thread)
                still running (background thread)
                created at: not recorded for threads (the runtime raises no event for Thread.Start); name the thread to find it
            """, "909a3dbe"));

    [Theory]
    [InlineData("Garbage_tracked_object")]
    [InlineData("Awaited_work_is_not_a_leak")]
    [InlineData("Short_fire_and_forget_finishes_while_settling")]
    [InlineData("Disposed_threading_timer")]
    [InlineData("Joined_thread")]
    [InlineData("Test_with_a_time_out")]
    public void Clean_work_passes_without_output(string test)
    {
        var result = Runs.Parallel.Result("CleanKinds", test);

        result.Outcome.Should().Be("Passed", result.Message);
        result.Output.Should().BeEmpty();
    }

    [Fact]
    public void A_class_without_NoLeaks_is_not_checked()
        => Runs.Parallel.Result("Unchecked", "Leaks_without_an_attribute").Outcome.Should().Be("Passed");
}
