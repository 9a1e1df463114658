using System.Collections.Generic;
using System.Linq;
using FluentAssertions;
using LeakCheck.Xunit.Scenarios;
using LeakCheck.Xunit.Tests.Infrastructure;
using Xunit;

namespace LeakCheck.Xunit.Tests;

/// <summary>
/// Every leaky kind of timer and the clean cases, through the real xUnit runner, with whole-message checks
/// (settle milliseconds and line numbers normalised, see <see cref="ReportText"/>).
/// </summary>
[Collection(nameof(AsyncWorkScenarioRuns))]
public class TimerTests
{
    private static readonly IReadOnlyList<ScenarioResult> s_results = RunOnce();

    private static IReadOnlyList<ScenarioResult> RunOnce()
    {
        var results = ScenarioRunner.Run(leakCheckFramework: true, typeof(LeakyTimers), typeof(CleanTimers));
        LeakyTimers.ReleaseAll();
        LeakGate.ReleaseAll();
        return results;
    }

    private static ScenarioResult Result(string className, string method)
        => s_results.Single(r => r.DisplayName == $"LeakCheck.Xunit.Scenarios.{className}.{method}");

    [Fact]
    public void Reports_never_contain_the_values_a_timer_holds()
        => s_results.Should().OnlyContain(r => !r.Failure.Contains("hunter2", System.StringComparison.Ordinal));

    [Fact]
    public void Awaited_Task_Delay_passes()
        => Result("CleanTimers", "Awaited_Task_Delay").Outcome.Should().Be(ScenarioOutcome.Passed);

    [Fact]
    public void Disposed_CancellationTokenSource_with_a_delay_passes()
        => Result("CleanTimers", "Disposed_CancellationTokenSource_with_a_delay").Outcome.Should().Be(ScenarioOutcome.Passed);

    [Fact]
    public void A_test_with_an_xunit_time_out_passes_its_time_out_delay_is_xunits()
        => Result("CleanTimers", "Test_with_a_time_out").Outcome.Should().Be(ScenarioOutcome.Passed);

    [Fact]
    public void A_test_with_a_time_out_passes_after_more_delays_than_get_a_creation_stack()
    {
        var result = Result("CleanTimers", "Test_with_a_time_out_after_many_delays");

        result.Outcome.Should().Be(ScenarioOutcome.Passed, result.Failure);
    }

    [Fact]
    public void Disposed_threading_timer_passes()
        => Result("CleanTimers", "Disposed_threading_timer").Outcome.Should().Be(ScenarioOutcome.Passed);

    [Fact]
    public void Idle_PeriodicTimer_nothing_references_is_finalized_passes()
        => Result("CleanTimers", "Idle_PeriodicTimer_nothing_references_is_finalized").Outcome.Should().Be(ScenarioOutcome.Passed);

    [Fact]
    public void Short_one_shot_timer_fires_while_settling_passes()
        => Result("CleanTimers", "Short_one_shot_timer_fires_while_settling").Outcome.Should().Be(ScenarioOutcome.Passed);

    [Fact]
    public void Stopped_System_Timers_Timer_passes()
        => Result("CleanTimers", "Stopped_System_Timers_Timer").Outcome.Should().Be(ScenarioOutcome.Passed);

    [Fact]
    public void Threading_timer_nothing_references_is_finalized_passes()
        => Result("CleanTimers", "Threading_timer_nothing_references_is_finalized").Outcome.Should().Be(ScenarioOutcome.Passed);

    [Fact]
    public void Timer_with_infinite_due_time_and_period_passes()
        => Result("CleanTimers", "Timer_with_infinite_due_time_and_period").Outcome.Should().Be(ScenarioOutcome.Passed);

    [Fact]
    public void CancelAfter_still_armed_is_reported()
    {
        var result = Result("LeakyTimers", "CancelAfter_still_armed");

        result.Outcome.Should().Be(ScenarioOutcome.Failed);
        ReportText.Normalize(result.Failure).Should().Be(
            """
            LeakCheck.LeakDetectedException : LeakCheck: 1 item created by LeakCheck.Xunit.Scenarios.LeakyTimers.CancelAfter_still_armed is still alive after the test (settled in N ms; forced GCs: 1 gen1, 2 full).

            [1] Timer CancellationTokenSource.CancelAfter
                due 00:02:00 after it was armed, fires once
                created at:
                  LeakCheck.Xunit.Scenarios.LeakyTimers.CancelAfter_still_armed() in TimerScenarios.cs:line N
                fingerprint: a6158911

            To accept a known leak, list its fingerprint in IgnoreFingerprints, for example [NoLeaks(IgnoreFingerprints = new[] { "a6158911" })]; see README "Ignoring known leaks".
            """);
    }

    [Fact]
    public void CancellationTokenSource_with_a_delay_still_armed_is_reported()
    {
        var result = Result("LeakyTimers", "CancellationTokenSource_with_a_delay_still_armed");

        result.Outcome.Should().Be(ScenarioOutcome.Failed);
        ReportText.Normalize(result.Failure).Should().Be(
            """
            LeakCheck.LeakDetectedException : LeakCheck: 1 item created by LeakCheck.Xunit.Scenarios.LeakyTimers.CancellationTokenSource_with_a_delay_still_armed is still alive after the test (settled in N ms; forced GCs: 1 gen1, 2 full).

            [1] Timer CancellationTokenSource.CancelAfter
                due 00:03:00 after it was armed, fires once
                created at:
                  LeakCheck.Xunit.Scenarios.LeakyTimers.CancellationTokenSource_with_a_delay_still_armed() in TimerScenarios.cs:line N
                fingerprint: 8f92bd3d

            To accept a known leak, list its fingerprint in IgnoreFingerprints, for example [NoLeaks(IgnoreFingerprints = new[] { "8f92bd3d" })]; see README "Ignoring known leaks".
            """);
    }

    [Fact]
    public void Enabled_System_Timers_Timer_is_reported()
    {
        var result = Result("LeakyTimers", "Enabled_System_Timers_Timer");

        result.Outcome.Should().Be(ScenarioOutcome.Failed);
        ReportText.Normalize(result.Failure).Should().Be(
            """
            LeakCheck.LeakDetectedException : LeakCheck: 1 item created by LeakCheck.Xunit.Scenarios.LeakyTimers.Enabled_System_Timers_Timer is still alive after the test (settled in N ms; forced GCs: 1 gen1, 2 full).

            [1] Timer System.Timers.Timer
                due 00:01:00 after it was armed or last fired, period 00:01:00
                Elapsed: LeakCheck.Xunit.Scenarios.LeakyTimers.OnHeartbeat(Object, ElapsedEventArgs)
                created at:
                  LeakCheck.Xunit.Scenarios.LeakyTimers.Enabled_System_Timers_Timer() in TimerScenarios.cs:line N
                fingerprint: 48c92ec8

            To accept a known leak, list its fingerprint in IgnoreFingerprints, for example [NoLeaks(IgnoreFingerprints = new[] { "48c92ec8" })]; see README "Ignoring known leaks".
            """);
    }

    [Fact]
    public void PeriodicTimer_loop_nobody_stops_is_reported()
    {
        var result = Result("LeakyTimers", "PeriodicTimer_loop_nobody_stops");

        result.Outcome.Should().Be(ScenarioOutcome.Failed);
        ReportText.Normalize(result.Failure).Should().Be(
            """
            LeakCheck.LeakDetectedException : LeakCheck: 2 items created by LeakCheck.Xunit.Scenarios.LeakyTimers.PeriodicTimer_loop_nobody_stops are still alive after the test (settled in N ms; forced GCs: 1 gen1, 2 full).

            [1] Async method LeakCheck.Xunit.Scenarios.LeakyTimers.TickLoop(PeriodicTimer)
                waiting at await #1: PeriodicTimer.WaitForNextTickAsync
                created at:
                  LeakCheck.Xunit.Scenarios.LeakyTimers.TickLoop(PeriodicTimer) in TimerScenarios.cs:line N
                  LeakCheck.Xunit.Scenarios.LeakyTimers.PeriodicTimer_loop_nobody_stops() in TimerScenarios.cs:line N
                fingerprint: 7d414436

            [2] Timer PeriodicTimer
                due 00:01:00 after it was armed or last fired, period 00:01:00
                created at:
                  LeakCheck.Xunit.Scenarios.LeakyTimers.PeriodicTimer_loop_nobody_stops() in TimerScenarios.cs:line N
                fingerprint: fbc04b20

            To accept a known leak, list its fingerprint in IgnoreFingerprints, for example [NoLeaks(IgnoreFingerprints = new[] { "7d414436" })]; see README "Ignoring known leaks".
            """);
    }

    [Fact]
    public void Task_Delay_nobody_awaits_is_reported()
    {
        var result = Result("LeakyTimers", "Task_Delay_nobody_awaits");

        result.Outcome.Should().Be(ScenarioOutcome.Failed);
        ReportText.Normalize(result.Failure).Should().Be(
            """
            LeakCheck.LeakDetectedException : LeakCheck: 1 item created by LeakCheck.Xunit.Scenarios.LeakyTimers.Task_Delay_nobody_awaits is still alive after the test (settled in N ms; forced GCs: 0 gen1, 0 full).

            [1] Timer Task.Delay
                due 00:01:00 after it was armed, fires once
                created at:
                  LeakCheck.Xunit.Scenarios.LeakyTimers.Task_Delay_nobody_awaits() in TimerScenarios.cs:line N
                fingerprint: 02e96614

            To accept a known leak, list its fingerprint in IgnoreFingerprints, for example [NoLeaks(IgnoreFingerprints = new[] { "02e96614" })]; see README "Ignoring known leaks".
            """);
    }

    [Fact]
    public void Threading_timer_kept_by_a_static_is_reported()
    {
        var result = Result("LeakyTimers", "Threading_timer_kept_by_a_static");

        result.Outcome.Should().Be(ScenarioOutcome.Failed);
        ReportText.Normalize(result.Failure).Should().Be(
            """
            LeakCheck.LeakDetectedException : LeakCheck: 1 item created by LeakCheck.Xunit.Scenarios.LeakyTimers.Threading_timer_kept_by_a_static is still alive after the test (settled in N ms; forced GCs: 1 gen1, 2 full).

            [1] Timer System.Threading.Timer
                due 00:00:30 after it was armed or last fired, period 00:00:10
                callback: LeakCheck.Xunit.Scenarios.LeakyTimers.Trim(Object)
                state: LeakCheck.Xunit.Scenarios.CacheState
                created at:
                  LeakCheck.Xunit.Scenarios.LeakyTimers.Threading_timer_kept_by_a_static() in TimerScenarios.cs:line N
                fingerprint: 7ea2a878

            To accept a known leak, list its fingerprint in IgnoreFingerprints, for example [NoLeaks(IgnoreFingerprints = new[] { "7ea2a878" })]; see README "Ignoring known leaks".
            """);
    }

    [Fact]
    public void TimeProvider_timer_kept_by_a_static_is_reported()
    {
        var result = Result("LeakyTimers", "TimeProvider_timer_kept_by_a_static");

        result.Outcome.Should().Be(ScenarioOutcome.Failed);
        ReportText.Normalize(result.Failure).Should().Be(
            """
            LeakCheck.LeakDetectedException : LeakCheck: 1 item created by LeakCheck.Xunit.Scenarios.LeakyTimers.TimeProvider_timer_kept_by_a_static is still alive after the test (settled in N ms; forced GCs: 1 gen1, 2 full).

            [1] Timer System.Threading.Timer
                due 00:00:45 after it was armed, fires once
                callback: LeakCheck.Xunit.Scenarios.LeakyTimers.Trim(Object)
                created at:
                  LeakCheck.Xunit.Scenarios.LeakyTimers.TimeProvider_timer_kept_by_a_static() in TimerScenarios.cs:line N
                fingerprint: 7ea2a878

            To accept a known leak, list its fingerprint in IgnoreFingerprints, for example [NoLeaks(IgnoreFingerprints = new[] { "7ea2a878" })]; see README "Ignoring known leaks".
            """);
    }

    [Fact]
    public void Timers_get_the_same_verdicts_when_run_serially()
    {
        var serial = ScenarioRunner.Run(leakCheckFramework: true, parallel: false, typeof(LeakyTimers), typeof(CleanTimers));
        LeakyTimers.ReleaseAll();
        LeakGate.ReleaseAll();

        serial.Select(r => (r.DisplayName, r.Outcome)).Should().Equal(s_results.Select(r => (r.DisplayName, r.Outcome)));
    }
}
