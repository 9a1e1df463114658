using System;
using System.Threading;

namespace LeakCheck.Settling;

/// <summary>
/// The only place in LeakCheck that forces a garbage collection. Collections are never compacting: a
/// checker must not move the user's heap around, and compaction doubles the cost.
/// </summary>
internal static class ForcedCollection
{
    /// <summary>Collects generations 0 and 1: cheap (tens of microseconds) and enough for short-lived objects.</summary>
    public static void Gen1() => GC.Collect(1, GCCollectionMode.Forced, blocking: true, compacting: false);

    /// <summary>
    /// One blocking, non-compacting full collection, then waits for the finalizers it queued (for example a
    /// timer's finalizer that disposes it), at most <paramref name="finalizerTimeout"/> so that a finalizer
    /// that blocks forever cannot hang the test.
    /// </summary>
    /// <returns>False when the finalizers did not finish in time.</returns>
    public static bool FullWithFinalizers(TimeSpan finalizerTimeout)
    {
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: false);

        // A dedicated thread, not the thread pool: under a busy test run the pool can take half a second to
        // give a thread, and a finalizer that never returns must not hang the test.
        var waiter = new Thread(static () => GC.WaitForPendingFinalizers()) { IsBackground = true, Name = "LeakCheck finalizer wait" };
        waiter.UnsafeStart();
        return waiter.Join(finalizerTimeout);
    }
}
