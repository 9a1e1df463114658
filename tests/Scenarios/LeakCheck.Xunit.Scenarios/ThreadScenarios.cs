using System.Threading;
using Xunit;

namespace LeakCheck.Xunit.Scenarios;

/// <summary>A test that starts a worker thread and never stops it; and one that stops it in Dispose.</summary>
[NoLeaks(SettleTimeoutMilliseconds = 100)]
public sealed class ThreadScenarios
{
    public static readonly ManualResetEventSlim Stop = new();

    [Fact]
    public void Leaves_a_worker_thread_running()
    {
        using var started = new ManualResetEventSlim();
        new Thread(() => { started.Set(); Stop.Wait(); }) { Name = "scenario worker", IsBackground = true }.Start();
        started.Wait();
    }

    [Fact]
    public void Starts_a_worker_thread_in_its_last_statement()
        => new Thread(() => Stop.Wait()) { Name = "last-statement worker", IsBackground = true }.Start();

    [Fact]
    public void Joins_its_worker_thread()
    {
        var done = new ManualResetEventSlim();
        var worker = new Thread(() => done.Wait()) { Name = "joined worker", IsBackground = true };
        worker.Start();
        done.Set();
        worker.Join();
    }
}
