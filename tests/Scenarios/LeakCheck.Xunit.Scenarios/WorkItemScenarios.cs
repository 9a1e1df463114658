using System.Threading;
using Xunit;

namespace LeakCheck.Xunit.Scenarios;

/// <summary>
/// A test that queues a thread-pool work item that never returns. The default settle budget: a pool thread that ran the
/// test's last continuation can still be on its way out of the test's context when the check starts, and under load
/// a 100 ms budget can end before it is (it would be reported as a second work item).
/// </summary>
[NoLeaks]
public sealed class LeakyWorkItems
{
    /// <summary>Released once by the acceptance test after each run, so that the work item does not hold a pool thread for the rest of the run.</summary>
    public static readonly SemaphoreSlim Release = new(0);

    [Fact]
    public void Leaves_a_work_item_running()
    {
        using var started = new ManualResetEventSlim();
        ThreadPool.QueueUserWorkItem(_ => { started.Set(); Release.Wait(); });
        started.Wait();
    }
}

/// <summary>The clean twin, run beside the leaky one: a work item that returns before the test ends.</summary>
[NoLeaks]
public sealed class CleanWorkItems
{
    [Fact]
    public void Waits_for_its_work_item()
    {
        using var done = new ManualResetEventSlim();
        ThreadPool.QueueUserWorkItem(_ => done.Set());
        done.Wait();
    }
}
