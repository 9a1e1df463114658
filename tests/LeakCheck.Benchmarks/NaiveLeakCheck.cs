using System;

namespace LeakCheck.Benchmarks;

/// <summary>
/// The check LeakCheck is compared with, not LeakCheck code: what most leak checks do after every test, a forced,
/// blocking, compacting full collection, pending finalizers, and another full collection.
/// </summary>
internal static class NaiveLeakCheck
{
    public static void AfterTest()
    {
        GC.Collect(2, GCCollectionMode.Forced, blocking: true, compacting: true);
        GC.WaitForPendingFinalizers();
        GC.Collect(2, GCCollectionMode.Forced, blocking: true, compacting: true);
    }
}
