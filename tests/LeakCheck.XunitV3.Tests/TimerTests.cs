using System.Linq;
using FluentAssertions;
using LeakCheck.XunitV3.Tests.Infrastructure;
using Xunit;

namespace LeakCheck.XunitV3.Tests;

/// <summary>Leaked and clean timers through the real xUnit v3 runner, whole messages compared (see <see cref="ReportText"/>).</summary>
public class TimerTests
{
    private static readonly ScenarioRun s_run = ScenarioRunner.Run("LeakyTimers", "CleanTimers");

    private static ScenarioResult Result(string className, string method)
        => s_run.Results.Single(r => r.DisplayName == $"LeakCheck.XunitV3.Scenarios.{className}.{method}");

    [Fact]
    public void Reports_never_contain_the_values_a_timer_holds()
        => s_run.Results.Should().OnlyContain(r => !r.Failure.Contains("hunter2", System.StringComparison.Ordinal));

    [Fact]
    public void Threading_timer_kept_by_a_static_is_reported()
    {
        var result = Result("LeakyTimers", "Threading_timer_kept_by_a_static");

        result.Outcome.Should().Be(ScenarioOutcome.Failed);
        ReportText.Normalize(result.Failure).Should().Be(
            """
            LeakCheck.LeakDetectedException : LeakCheck: 1 item created by LeakCheck.XunitV3.Scenarios.LeakyTimers.Threading_timer_kept_by_a_static is still alive after the test (settled in N ms; forced GCs: 1 gen1, 2 full).

            [1] Timer System.Threading.Timer
                due 00:00:30 after it was armed or last fired, period 00:00:10
                callback: LeakCheck.XunitV3.Scenarios.LeakyTimers.Trim(Object)
                state: LeakCheck.XunitV3.Scenarios.CacheState
                created at:
                  LeakCheck.XunitV3.Scenarios.LeakyTimers.Threading_timer_kept_by_a_static() in TimerScenarios.cs:line N
                fingerprint: 706ae31d

            To accept a known leak, list its fingerprint in IgnoreFingerprints, for example [NoLeaks(IgnoreFingerprints = new[] { "706ae31d" })]; see README "Ignoring known leaks".
            """);
    }

    [Fact]
    public void Enabled_System_Timers_Timer_is_reported()
    {
        var result = Result("LeakyTimers", "Enabled_System_Timers_Timer");

        result.Outcome.Should().Be(ScenarioOutcome.Failed);
        ReportText.Normalize(result.Failure).Should().Be(
            """
            LeakCheck.LeakDetectedException : LeakCheck: 1 item created by LeakCheck.XunitV3.Scenarios.LeakyTimers.Enabled_System_Timers_Timer is still alive after the test (settled in N ms; forced GCs: 1 gen1, 2 full).

            [1] Timer System.Timers.Timer
                due 00:01:00 after it was armed or last fired, period 00:01:00
                Elapsed: LeakCheck.XunitV3.Scenarios.LeakyTimers.OnHeartbeat(Object, ElapsedEventArgs)
                created at:
                  LeakCheck.XunitV3.Scenarios.LeakyTimers.Enabled_System_Timers_Timer() in TimerScenarios.cs:line N
                fingerprint: c6a26b3b

            To accept a known leak, list its fingerprint in IgnoreFingerprints, for example [NoLeaks(IgnoreFingerprints = new[] { "c6a26b3b" })]; see README "Ignoring known leaks".
            """);
    }

    [Fact]
    public void Awaited_Task_Delay_passes()
        => Result("CleanTimers", "Awaited_Task_Delay").Outcome.Should().Be(ScenarioOutcome.Passed);

    [Fact]
    public void Disposed_threading_timer_passes()
        => Result("CleanTimers", "Disposed_threading_timer").Outcome.Should().Be(ScenarioOutcome.Passed);

    [Fact]
    public void A_test_with_an_xunit_v3_time_out_passes_its_time_out_timer_is_xunits()
    {
        var result = Result("CleanTimers", "Test_with_a_time_out");

        result.Outcome.Should().Be(ScenarioOutcome.Passed, result.Failure);
        result.Warnings.Should().BeEmpty();
    }

    [Fact]
    public void A_test_with_an_xunit_v3_time_out_passes_after_more_delays_than_get_a_creation_stack()
    {
        var result = Result("CleanTimers", "Test_with_a_time_out_after_many_delays");

        result.Outcome.Should().Be(ScenarioOutcome.Passed, result.Failure);
        result.Warnings.Should().BeEmpty();
    }
}
