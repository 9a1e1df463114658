using System.Threading;
using Xunit;

namespace LeakCheck.Xunit.Scenarios;

/// <summary>A test that registers a wait on an event nobody sets and never unregisters it.</summary>
[NoLeaks(SettleTimeoutMilliseconds = 100)]
public sealed class LeakyRegisteredWaits
{
    public static readonly ManualResetEvent Never = new(false);

    [Fact]
    public void Leaves_a_wait_registered() => ThreadPool.RegisterWaitForSingleObject(Never, static (_, _) => { }, null, Timeout.Infinite, executeOnlyOnce: true);
}

/// <summary>The clean twins, run beside the leaky one: a wait unregistered in the test, and one whose event the test set.</summary>
[NoLeaks(SettleTimeoutMilliseconds = 100)]
public sealed class CleanRegisteredWaits
{
    [Fact]
    public void Unregisters_its_wait()
        => ThreadPool.RegisterWaitForSingleObject(LeakyRegisteredWaits.Never, static (_, _) => { }, null, Timeout.Infinite, executeOnlyOnce: true).Unregister(null);

    [Fact]
    public void Sets_the_event_it_waits_for()
    {
        using var signalled = new ManualResetEvent(false);
        using var called = new ManualResetEventSlim();
        ThreadPool.RegisterWaitForSingleObject(signalled, (_, _) => called.Set(), null, Timeout.Infinite, executeOnlyOnce: true);
        signalled.Set();
        called.Wait();
    }
}
