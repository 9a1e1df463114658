using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Threading;

namespace LeakCheck.Probes.Tasks;

/// <summary>The task probe's per-scope state: pending records and the stack-capture budget.</summary>
internal sealed class ScopeTasks
{
    /// <summary>
    /// Creation stacks cost microseconds each; a scope captures one for each of its first tasks, then only
    /// for operations (async methods, lambdas) it has not seen yet, so that a test creating 10,000 short tasks
    /// does not pay 10,000 stack walks.
    /// </summary>
    public const int FullCaptureCount = 256;

    private int _captured;

    public ConcurrentDictionary<int, TaskRecord> Pending { get; } = new();

    public HashSet<string> SitesSeen { get; } = new();

    public bool ShouldCapture(string operation)
    {
        if (Interlocked.Increment(ref _captured) <= FullCaptureCount)
        {
            lock (SitesSeen)
            {
                SitesSeen.Add(operation);
            }

            return true;
        }

        lock (SitesSeen)
        {
            return SitesSeen.Add(operation);
        }
    }
}
