using System.Threading;
using NUnit.Framework;

namespace LeakCheck.NUnit.Scenarios;

/// <summary>A test that starts a worker thread and never stops it.</summary>
[NoLeaks(SettleTimeoutMilliseconds = 100)]
public sealed class ThreadScenarios
{
    public static readonly ManualResetEventSlim Stop = new();

    [Test]
    public void Leaves_a_worker_thread_running()
    {
        using var started = new ManualResetEventSlim();
        new Thread(() => { started.Set(); Stop.Wait(); }) { Name = "nunit worker", IsBackground = true }.Start();
        started.Wait();
    }
}
