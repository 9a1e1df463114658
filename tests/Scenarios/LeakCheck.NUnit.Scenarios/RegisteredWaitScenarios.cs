using System.Threading;
using NUnit.Framework;

namespace LeakCheck.NUnit.Scenarios;

/// <summary>A test that leaves a wait registered on an event nobody sets, beside its clean twins (run in parallel or serially).</summary>
[NoLeaks(SettleTimeoutMilliseconds = 100)]
[Parallelizable(ParallelScope.Children)]
public sealed class RegisteredWaitScenarios
{
    public static readonly ManualResetEvent Never = new(false);

    [Test]
    public void Leaves_a_wait_registered() => ThreadPool.RegisterWaitForSingleObject(Never, static (_, _) => { }, null, Timeout.Infinite, executeOnlyOnce: true);

    [Test]
    public void Unregisters_its_wait()
        => ThreadPool.RegisterWaitForSingleObject(Never, static (_, _) => { }, null, Timeout.Infinite, executeOnlyOnce: true).Unregister(null);

    [Test]
    public void Sets_the_event_it_waits_for()
    {
        using var signalled = new ManualResetEvent(false);
        using var called = new ManualResetEventSlim();
        ThreadPool.RegisterWaitForSingleObject(signalled, (_, _) => called.Set(), null, Timeout.Infinite, executeOnlyOnce: true);
        signalled.Set();
        called.Wait();
    }
}
