using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Xunit;

namespace LeakCheck.Xunit.Scenarios;

/// <summary>State a leaked timer holds: reports name its type, never its values.</summary>
public sealed class CacheState
{
    public string Secret { get; } = "hunter2";
}

/// <summary>Each test leaves one kind of timer armed. <see cref="ReleaseAll"/> disarms them after the verdict.</summary>
[NoLeaks(SettleTimeoutMilliseconds = 200)]
public class LeakyTimers
{
    private static readonly List<IDisposable> s_armed = new();

    public static void ReleaseAll()
    {
        lock (s_armed)
        {
            s_armed.ForEach(d => d.Dispose());
            s_armed.Clear();
        }
    }

    [Fact]
    public void Threading_timer_kept_by_a_static()
        => Keep(new Timer(Trim, new CacheState(), TimeSpan.FromSeconds(30), TimeSpan.FromSeconds(10)));

    [Fact]
    public void Enabled_System_Timers_Timer()
    {
        var timer = new System.Timers.Timer(TimeSpan.FromMinutes(1).TotalMilliseconds);
        timer.Elapsed += OnHeartbeat;
        timer.Enabled = true;
        LeakGate.ReleaseOnOpen(timer);
    }

    [Fact]
    public void Task_Delay_nobody_awaits() => _ = Task.Delay(TimeSpan.FromMinutes(1), LeakGate.Token);

    [Fact]
    public void CancelAfter_still_armed()
    {
        var cts = new CancellationTokenSource();
        cts.CancelAfter(TimeSpan.FromMinutes(2));
        Keep(cts);
    }

    [Fact]
    public void CancellationTokenSource_with_a_delay_still_armed() => Keep(new CancellationTokenSource(TimeSpan.FromMinutes(3)));

    [Fact]
    public void PeriodicTimer_loop_nobody_stops()
    {
        var timer = new PeriodicTimer(TimeSpan.FromMinutes(1));
        Keep(timer);
        _ = TickLoop(timer);
    }

    [Fact]
    public void TimeProvider_timer_kept_by_a_static()
        => Keep(TimeProvider.System.CreateTimer(Trim, null, TimeSpan.FromSeconds(45), Timeout.InfiniteTimeSpan));

    private static void Keep(IDisposable armed)
    {
        lock (s_armed)
        {
            s_armed.Add(armed);
        }
    }

    private static void Trim(object? state)
    {
    }

    private static void OnHeartbeat(object? sender, System.Timers.ElapsedEventArgs e)
    {
    }

    private static async Task TickLoop(PeriodicTimer timer)
    {
        while (await timer.WaitForNextTickAsync())
        {
        }
    }
}

/// <summary>Timers that are not leaks: disposed, stopped, infinite, or only reachable through nothing.</summary>
[NoLeaks]
public class CleanTimers
{
    /// <summary>xUnit arms its own Task.Delay for the time-out and leaves it pending after the test: never the test's.</summary>
    [Fact(Timeout = 30_000)]
    public async Task Test_with_a_time_out()
        => await Task.Yield();

    /// <summary>
    /// The same after the test created more delays than a test gets creation stacks for (Polly's retry tests): xUnit's
    /// delay, created after them, must still be told apart by its stack.
    /// </summary>
    [Fact(Timeout = 30_000)]
    public async Task Test_with_a_time_out_after_many_delays()
    {
        await Delays.CreateAndCancelManyAsync();
        await Task.Yield();
    }

    [Fact]
    public void Disposed_threading_timer()
    {
        using var timer = new Timer(_ => { }, null, TimeSpan.FromMinutes(1), TimeSpan.FromMinutes(1));
    }

    [Fact]
    public void Stopped_System_Timers_Timer()
    {
        using var timer = new System.Timers.Timer(60_000);
        timer.Start();
        timer.Stop();
    }

    [Fact]
    public void Timer_with_infinite_due_time_and_period()
        => GC.KeepAlive(new Timer(_ => { }, null, Timeout.Infinite, Timeout.Infinite));

    [Fact]
    public void Threading_timer_nothing_references_is_finalized() => StartUnreferencedTimer();

    [Fact]
    public void Idle_PeriodicTimer_nothing_references_is_finalized() => _ = new PeriodicTimer(TimeSpan.FromMinutes(1));

    [Fact]
    public void Disposed_CancellationTokenSource_with_a_delay()
    {
        using var cts = new CancellationTokenSource(TimeSpan.FromMinutes(1));
    }

    [Fact]
    public async Task Awaited_Task_Delay() => await Task.Delay(5);

    [Fact]
    public void Short_one_shot_timer_fires_while_settling()
    {
        var fired = new ManualResetEventSlim();
        var timer = new Timer(_ => fired.Set(), null, 10, Timeout.Infinite);
        LeakGate.ReleaseOnOpen(timer);
    }

    private static void StartUnreferencedTimer() => _ = new Timer(_ => { }, null, TimeSpan.FromMinutes(1), TimeSpan.FromMinutes(1));
}

internal static class Delays
{
    /// <summary>Creates more Task.Delay than a test walks creation stacks for, without suspending, and cancels them all.</summary>
    public static async Task CreateAndCancelManyAsync()
    {
        using var cancel = new CancellationTokenSource();
        var delays = Enumerable.Range(0, 12).Select(_ => Task.Delay(TimeSpan.FromMinutes(1), cancel.Token)).ToArray();
        cancel.Cancel();
        try
        {
            await Task.WhenAll(delays);
        }
        catch (OperationCanceledException)
        {
        }
    }
}
