using System.Runtime.CompilerServices;
using System.Threading;

namespace LeakCheck.Xunit.Tests.Infrastructure;

/// <summary>
/// The leaky scenarios block pool threads on purpose (polling loops, barriers between parallel classes). On a
/// 2-core machine the pool would then inject threads slowly and every other scenario would wait for one; a
/// higher floor keeps the acceptance runs independent of that.
/// </summary>
internal static class ThreadPoolFloor
{
    [ModuleInitializer]
    internal static void Raise()
    {
        ThreadPool.GetMinThreads(out var worker, out var io);
        ThreadPool.SetMinThreads(worker < 32 ? 32 : worker, io);
    }
}
