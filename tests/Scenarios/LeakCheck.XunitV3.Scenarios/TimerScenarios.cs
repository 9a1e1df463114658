using System;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Xunit;

namespace LeakCheck.XunitV3.Scenarios;

[NoLeaks(SettleTimeoutMilliseconds = 200)]
public class LeakyTimers
{
    [Fact]
    public void Threading_timer_kept_by_a_static()
        => StaticHolder.Keep(new Timer(Trim, new CacheState(), TimeSpan.FromSeconds(30), TimeSpan.FromSeconds(10)));

    [Fact]
    public void Enabled_System_Timers_Timer()
    {
        var timer = new System.Timers.Timer(TimeSpan.FromMinutes(1).TotalMilliseconds);
        timer.Elapsed += OnHeartbeat;
        timer.Enabled = true;
    }

    private static void Trim(object? state)
    {
    }

    private static void OnHeartbeat(object? sender, System.Timers.ElapsedEventArgs e)
    {
    }
}

[NoLeaks]
public class CleanTimers
{
    [Fact]
    public async Task Awaited_Task_Delay()
        => await Task.Delay(10, TestContext.Current.CancellationToken);

    [Fact]
    public void Disposed_threading_timer()
    {
        using var timer = new Timer(_ => { }, null, TimeSpan.FromMinutes(1), TimeSpan.FromMinutes(1));
    }

    [Fact(Timeout = 10_000)]
    public async Task Test_with_a_time_out()
        => await Task.Delay(10, TestContext.Current.CancellationToken);

    /// <summary>The same after more delays than a test walks creation stacks for: xUnit's delay is still told apart by its stack.</summary>
    [Fact(Timeout = 10_000)]
    public async Task Test_with_a_time_out_after_many_delays()
    {
        using (var cancel = new CancellationTokenSource())
        {
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

        await Task.Delay(10, TestContext.Current.CancellationToken);
    }
}
