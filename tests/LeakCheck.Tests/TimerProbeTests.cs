using System;
using System.Threading;
using System.Threading.Tasks;
using FluentAssertions;
using LeakCheck.Probes.Timers;
using Xunit;

namespace LeakCheck.Tests;

public class TimerProbeTests
{
    private static readonly LeakCheckOptions s_short = new() { SettleTimeout = TimeSpan.FromMilliseconds(100) };

    [Fact]
    public void Armed_timer_is_reported_with_schedule_callback_and_state_type()
    {
        var scope = LeakScope.Begin("timer", s_short);
        using var timer = new Timer(OnTick, new Widget(), TimeSpan.FromMinutes(5), TimeSpan.FromSeconds(90));

        var report = scope.End();

        var item = report.Items.Should().ContainSingle().Which;
        item.Kind.Should().Be(LeakKind.Timer);
        item.TypeName.Should().Be("System.Threading.Timer");
        item.Details.Should().Equal(
            "due 00:05:00 after it was armed or last fired, period 00:01:30",
            "callback: LeakCheck.Tests.TimerProbeTests.OnTick(Object)",
            "state: LeakCheck.Tests.Widget");
    }

    [Fact]
    public void Timer_armed_before_the_scope_is_not_reported()
    {
        using var timer = new Timer(OnTick, null, TimeSpan.FromMinutes(5), Timeout.InfiniteTimeSpan);
        var scope = LeakScope.Begin("later", s_short);

        scope.End().HasLeaks.Should().BeFalse();
    }

    [Fact]
    public async Task Timer_armed_by_a_parallel_scope_belongs_to_that_scope_only()
    {
        using var armed = new ManualResetEventSlim();
        using var release = new ManualResetEventSlim();
        var other = Task.Run(() =>
        {
            var otherScope = LeakScope.Begin("other", s_short);
            using var timer = new Timer(OnTick, null, TimeSpan.FromMinutes(5), Timeout.InfiniteTimeSpan);
            armed.Set();
            release.Wait();
            return otherScope.End();
        });
        armed.Wait();
        var mine = LeakScope.Begin("mine", s_short);

        var myReport = await mine.EndAsync();
        release.Set();
        var otherReport = await other;

        myReport.HasLeaks.Should().BeFalse();
        otherReport.Items.Should().ContainSingle().Which.Kind.Should().Be(LeakKind.Timer);
    }

    [Fact]
    public void Timer_created_outside_the_scope_and_armed_in_it_belongs_to_its_creator()
    {
        // A shared fixture's debouncer: created disarmed outside any test, armed by the test, disposed by the fixture.
        using var debouncer = new Timer(OnTick, null, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
        var scope = LeakScope.Begin("poke", s_short);
        debouncer.Change(TimeSpan.FromMinutes(5), Timeout.InfiniteTimeSpan);

        scope.End().HasLeaks.Should().BeFalse();
    }

    [Fact]
    public void Timer_created_in_the_scope_and_rearmed_in_it_is_reported_once()
    {
        var scope = LeakScope.Begin("rearm", s_short);
        using var timer = new Timer(OnTick, null, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
        timer.Change(TimeSpan.FromMinutes(5), Timeout.InfiniteTimeSpan);
        timer.Change(TimeSpan.FromMinutes(6), Timeout.InfiniteTimeSpan);

        scope.End().Items.Should().ContainSingle().Which.Details[0].Should().Be("due 00:06:00 after it was armed, fires once");
    }

    [Fact]
    public void Timer_that_captured_no_context_belongs_to_the_scope_that_arms_it()
    {
        Timer timer;
        using (ExecutionContext.SuppressFlow())
        {
            timer = new Timer(OnTick, null, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
        }

        using (timer)
        {
            var scope = LeakScope.Begin("arms", s_short);
            timer.Change(TimeSpan.FromMinutes(5), Timeout.InfiniteTimeSpan);

            scope.End().Items.Should().ContainSingle().Which.TypeName.Should().Be("System.Threading.Timer");
        }
    }

    [Fact]
    public void Disposed_timer_is_not_reported()
    {
        var scope = LeakScope.Begin("disposed", s_short);
        new Timer(OnTick, null, TimeSpan.FromMinutes(5), Timeout.InfiniteTimeSpan).Dispose();

        scope.End().HasLeaks.Should().BeFalse();
    }

    [Fact]
    public void Probe_reports_itself_unavailable_when_the_runtime_layout_differs()
        => new LeakCheck.Runtime.TimerQueues(typeof(TimerProbeTests).Assembly).UnavailableReason
            .Should().Be("missing runtime members: System.Threading.TimerQueue (type not found), System.Threading.TimerQueueTimer (type not found)");

    [Fact]
    public void Schedule_reads_as_designed()
    {
        TimerInspector.Schedule(1500, uint.MaxValue).Should().Be("due 00:00:01.500 after it was armed, fires once");
        TimerInspector.Schedule(60_000, 1000).Should().Be("due 00:01:00 after it was armed or last fired, period 00:00:01");
        TimerInspector.Schedule((uint)TimeSpan.FromDays(24).TotalMilliseconds, uint.MaxValue).Should().Be("due 24.00:00:00 after it was armed, fires once");
        TimerInspector.Schedule((uint)TimeSpan.FromDays(1).Add(TimeSpan.FromMilliseconds(5)).TotalMilliseconds, 90_061_000).Should().Be("due 1.00:00:00.005 after it was armed or last fired, period 1.01:01:01");
    }

    private static void OnTick(object? state)
    {
    }
}
