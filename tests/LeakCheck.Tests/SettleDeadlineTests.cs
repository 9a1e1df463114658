using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using FluentAssertions;
using LeakCheck.Engine;
using LeakCheck.Probes;
using LeakCheck.Probes.Timers;
using Xunit;
using LeakCheck.Settling;

namespace LeakCheck.Tests;

/// <summary>Settling stops waiting when nothing pending can finish within the budget (a timer due later than that).</summary>
public class SettleDeadlineTests
{
    // A budget no test here may reach: if settling waited it out, the test would take two minutes and fail below.
    private static readonly LeakCheckOptions s_long = new() { SettleTimeout = TimeSpan.FromMinutes(2), RetentionPaths = false };
    private static readonly List<object> s_kept = new();

    [Fact]
    public void Waiting_helps_only_while_some_running_work_can_finish_within_the_budget()
    {
        var remaining = TimeSpan.FromSeconds(1);
        PendingItem Item(SettleHint hint, TimeSpan earliest, bool ignored = false)
            => new(LeakKind.Timer, "t", hint, 0) { EarliestCompletion = earliest, IsIgnored = ignored };

        Settler.CanFinishInTime([Item(SettleHint.Completion, TimeSpan.Zero)], remaining).Should().BeTrue();
        Settler.CanFinishInTime([Item(SettleHint.Completion, TimeSpan.FromMilliseconds(999))], remaining).Should().BeTrue();
        Settler.CanFinishInTime([Item(SettleHint.Completion, TimeSpan.FromSeconds(1))], remaining).Should().BeFalse();
        Settler.CanFinishInTime([Item(SettleHint.Completion, TimeSpan.MaxValue)], remaining).Should().BeFalse();
        Settler.CanFinishInTime([Item(SettleHint.Collection, TimeSpan.Zero)], remaining).Should().BeFalse();
        Settler.CanFinishInTime([Item(SettleHint.Completion, TimeSpan.Zero, ignored: true)], remaining).Should().BeFalse();
        Settler.CanFinishInTime(
            [Item(SettleHint.Completion, TimeSpan.FromMinutes(30)), Item(SettleHint.Completion, TimeSpan.Zero)], remaining).Should().BeTrue();
    }

    [Fact]
    public void Waits_between_looks_double_from_5_ms_to_200_ms_or_from_1_ms_to_16_ms_within_what_remains_of_the_budget_but_at_least_1_ms()
    {
        static double[] Waits(Backoff backoff, int count, TimeSpan remaining)
        {
            var waits = new double[count];
            for (var i = 0; i < count; i++)
            {
                waits[i] = backoff.Next(remaining).TotalMilliseconds;
            }

            return waits;
        }

        var minute = TimeSpan.FromMinutes(1);
        Waits(default, 8, minute).Should().Equal(5, 10, 20, 40, 80, 160, 200, 200);
        Waits(Backoff.StartingShort, 7, minute).Should().Equal(1, 2, 4, 8, 16, 16, 16);
        Waits(default, 2, TimeSpan.FromMilliseconds(3)).Should().Equal(3, 3);
        Waits(Backoff.StartingShort, 1, TimeSpan.FromTicks(1)).Should().Equal(1);
    }

    [Fact]
    public void Timer_due_after_the_budget_is_reported_without_waiting_the_budget_out()
    {
        var scope = LeakScope.Begin("far timer", s_long);
        var timer = new Timer(static _ => { }, null, TimeSpan.FromMinutes(30), Timeout.InfiniteTimeSpan);
        Keep(timer);

        var report = scope.End();

        report.Items.Should().ContainSingle().Which.Details[0].Should().Be("due 00:30:00 after it was armed, fires once");
        report.SettleTime.Should().BeLessThan(TimeSpan.FromMinutes(1));
        (report.Gen1Collections, report.FullCollections).Should().Be((1, 2), "the grace collection still happens");
        timer.Dispose();
    }

    [Fact]
    public async Task Async_method_waiting_on_a_far_Task_Delay_is_reported_without_waiting_the_budget_out()
    {
        var scope = LeakScope.Begin("far delay", s_long);
        Keep(SleepForHalfAnHourAsync());

        var report = await scope.EndAsync();

        report.Items.Should().ContainSingle().Which.Details[0].Should().Be("waiting at await #1: Task.Delay");
        report.SettleTime.Should().BeLessThan(TimeSpan.FromMinutes(1));
    }

    [Fact]
    public async Task Method_awaiting_a_method_that_waits_on_a_far_Task_Delay_is_reported_without_waiting_the_budget_out()
    {
        var scope = LeakScope.Begin("far delay, one level down", s_long);
        Keep(AwaitTheSleeperAsync());

        var report = await scope.EndAsync();

        report.Items.Should().ContainSingle().Which.Details.Should().Equal(
            "waiting at await #1: async LeakCheck.Tests.SettleDeadlineTests.SleepForHalfAnHourAsync()",
            "which is waiting at await #1: Task.Delay");
        report.SettleTime.Should().BeLessThan(TimeSpan.FromMinutes(1));
    }

    [Fact]
    public void Timer_due_within_the_budget_is_waited_for()
    {
        using var fired = new ManualResetEventSlim();
        var scope = LeakScope.Begin("near timer", s_long);
        var timer = new Timer(_ => fired.Set(), null, TimeSpan.FromMilliseconds(50), Timeout.InfiniteTimeSpan);
        Keep(timer);

        var report = scope.End();

        report.HasLeaks.Should().BeFalse();
        fired.Wait(TimeSpan.FromMinutes(1)).Should().BeTrue("a timer that fired is disarmed before its callback runs on the pool");
        timer.Dispose();
    }

    [Fact]
    public void Time_until_a_timer_fires_is_read_from_the_runtime()
    {
        using var timer = new Timer(static _ => { }, null, TimeSpan.FromMinutes(5), Timeout.InfiniteTimeSpan);
        object? queued = null;
        var layout = LeakCheck.Runtime.TimerQueues.Instance;
        layout.ForEachArmedTimer(t =>
        {
            if ((uint)layout.DueTime!.GetValue(t)! == 300_000 && layout.Callback!.GetValue(t) is TimerCallback)
            {
                queued ??= t;
            }
        });

        queued.Should().NotBeNull();
        layout.ReadSchedule(queued!)!.Value.UntilDue(layout.Now()).Should().BeGreaterThan(TimeSpan.FromMinutes(4)).And.BeLessThanOrEqualTo(TimeSpan.FromMinutes(5));
    }

    private static async Task SleepForHalfAnHourAsync() => await Task.Delay(TimeSpan.FromMinutes(30));

    private static async Task AwaitTheSleeperAsync() => await SleepForHalfAnHourAsync();

    private static void Keep(object value)
    {
        lock (s_kept)
        {
            s_kept.Add(value);
        }
    }
}
