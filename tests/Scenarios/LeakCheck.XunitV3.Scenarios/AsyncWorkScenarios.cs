using System;
using System.Threading;
using System.Threading.Tasks;
using Xunit;

namespace LeakCheck.XunitV3.Scenarios;

[NoLeaks(SettleTimeoutMilliseconds = 200)]
public class LeakyAsyncWork
{
    private static readonly SemaphoreSlim s_neverReleased = new(0);

    [Fact]
    public void Async_method_awaiting_a_semaphore_nobody_releases()
        => _ = WaitForSignal(CancellationToken.None);

    [Fact]
    public void Task_Run_work_waiting_for_a_semaphore_nobody_releases()
        => _ = Task.Run(async () => await s_neverReleased.WaitAsync(CancellationToken.None), CancellationToken.None);

    [Fact]
    public void Thread_blocked_on_a_gate_nobody_opens()
        => new Thread(() => s_neverReleased.Wait()) { IsBackground = true, Name = "leaky worker" }.Start();

    private static async Task WaitForSignal(CancellationToken token)
    {
        await s_neverReleased.WaitAsync(token);
    }
}

[NoLeaks]
public class CleanAsyncWork
{
    [Fact]
    public async Task Awaited_work_is_not_a_leak()
        => await Task.Run(() => Thread.Sleep(5), TestContext.Current.CancellationToken);

    [Fact]
    public void Short_fire_and_forget_finishes_while_settling()
        => _ = Task.Run(async () => await Task.Delay(50), TestContext.Current.CancellationToken);
}
