using System;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.VisualStudio.TestTools.UnitTesting;

namespace LeakCheck.MSTest.Scenarios;

/// <remarks>
/// Runs after the parallel scenarios, alone: under method-level parallelism the long-running task was once (in 20 runs)
/// reported as "not inspectable: it was not in the runtime's task registry" instead of running; an engine-side race
/// whose cause is not found yet. The parallel pair still checks ownership
/// under parallelism.
/// </remarks>
[TestClass]
[DoNotParallelize]
[NoLeaks(SettleTimeoutMilliseconds = 200)]
public sealed class LeakyKinds
{
    [TestMethod]
    public void Tracked_object_kept_by_a_static()
    {
        var session = new Session();
        LeakTracker.Track(session, "session");
        StaticHolder.Keep(session);
    }

    /// <summary>A long-running task (its own thread, so that the leak does not hold a pool thread the other scenarios need).</summary>
    [TestMethod]
    public void Long_running_task_blocked_on_a_semaphore_nobody_releases()
    {
        using var started = new ManualResetEventSlim();
        _ = Task.Factory.StartNew(
            () =>
            {
                started.Set();
                Never.Released.Wait();
            },
            CancellationToken.None,
            TaskCreationOptions.LongRunning,
            TaskScheduler.Default);
        started.Wait();
    }

    [TestMethod]
    public void Continuation_of_a_task_that_never_completes()
        => _ = new TaskCompletionSource().Task.ContinueWith(_ => { }, CancellationToken.None, TaskContinuationOptions.None, TaskScheduler.Default);

    [TestMethod]
    public void Async_method_awaiting_a_semaphore_nobody_releases()
        => _ = WaitForSignal(CancellationToken.None);

    [TestMethod]
    public void Threading_timer_kept_by_a_static()
        => StaticHolder.Keep(new Timer(Trim, new CacheState(), TimeSpan.FromSeconds(30), TimeSpan.FromSeconds(10)));

    /// <summary>Waits until the thread runs: a thread is recorded when it starts, which can be after a test's last statement.</summary>
    [TestMethod]
    public void Thread_blocked_on_a_gate_nobody_opens()
    {
        using var started = new ManualResetEventSlim();
        new Thread(() =>
        {
            started.Set();
            Never.Released.Wait();
        })
        { IsBackground = true, Name = "leaky worker" }.Start();
        started.Wait();
    }

    private static async Task WaitForSignal(CancellationToken token)
    {
        await Never.Released.WaitAsync(token);
    }

    private static void Trim(object? state)
    {
    }
}

[TestClass]
[NoLeaks]
public sealed class CleanKinds
{
    [TestMethod]
    public void Garbage_tracked_object() => LeakTracker.Track(new Session(), "garbage");

    [TestMethod]
    public async Task Awaited_work_is_not_a_leak() => await Task.Run(() => Thread.Sleep(5));

    [TestMethod]
    public void Short_fire_and_forget_finishes_while_settling() => _ = Task.Run(async () => await Task.Delay(50));

    [TestMethod]
    public void Disposed_threading_timer()
    {
        using var timer = new Timer(_ => { }, null, TimeSpan.FromMinutes(1), TimeSpan.FromMinutes(1));
    }

    [TestMethod]
    public void Joined_thread()
    {
        var thread = new Thread(() => Thread.Sleep(5)) { Name = "short worker" };
        thread.Start();
        thread.Join();
    }

    [TestMethod]
    [Timeout(10_000)]
    public async Task Test_with_a_time_out() => await Task.Delay(10);
}

/// <summary>No [NoLeaks] anywhere: MSTest runs it as it would without LeakCheck.</summary>
[TestClass]
public sealed class Unchecked
{
    [TestMethod]
    public void Leaks_without_an_attribute()
    {
        var session = new Session();
        LeakTracker.Track(session, "unchecked");
        StaticHolder.Keep(session);
    }
}
