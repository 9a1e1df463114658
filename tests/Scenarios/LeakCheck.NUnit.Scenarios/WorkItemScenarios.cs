using System.Threading;
using NUnit.Framework;

namespace LeakCheck.NUnit.Scenarios;

/// <summary>A test that queues a thread-pool work item that never returns, beside its clean twin (run in parallel or serially).</summary>
[NoLeaks]
[Parallelizable(ParallelScope.Children)]
public sealed class WorkItemScenarios
{
    /// <summary>Released once by the acceptance test after each run, so that the work item does not hold a pool thread for the rest of the run.</summary>
    public static readonly SemaphoreSlim Release = new(0);

    [Test]
    public void Leaves_a_work_item_running()
    {
        using var started = new ManualResetEventSlim();
        ThreadPool.QueueUserWorkItem(_ => { started.Set(); Release.Wait(); });
        started.Wait();
    }

    [Test]
    public void Waits_for_its_work_item()
    {
        using var done = new ManualResetEventSlim();
        ThreadPool.QueueUserWorkItem(_ => done.Set());
        done.Wait();
    }
}
