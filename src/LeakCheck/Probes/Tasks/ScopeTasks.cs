using System.Collections.Concurrent;
using System.Collections.Generic;

namespace LeakCheck.Probes.Tasks;

/// <summary>The task probe's per-scope state: pending records and the stack-capture budget.</summary>
internal sealed class ScopeTasks
{
    /// <summary>
    /// A creation stack costs several microseconds. A scope captures one for each of the first creations of an
    /// operation (an async method, a lambda, Task.Delay); later creations of the same operation share the last
    /// stack captured for it, so a test that starts 10,000 short tasks from one loop pays a handful of walks.
    /// </summary>
    public const int StacksPerOperation = 8;

    private readonly Dictionary<string, (int Count, System.Diagnostics.StackTrace? Last)> _captures = new();

    public ConcurrentDictionary<int, TaskRecord> Pending { get; } = new();

    /// <summary>Returns a fresh stack for the first creations of <paramref name="operation"/>, the shared one after that.</summary>
    public System.Diagnostics.StackTrace? StackFor(string operation, int skipFrames)
    {
        lock (_captures)
        {
            _captures.TryGetValue(operation, out var seen);
            if (seen.Count >= StacksPerOperation)
            {
                return seen.Last;
            }

            _captures[operation] = (seen.Count + 1, seen.Last);
        }

        // The walk happens outside the lock: tasks created on several threads at once do not queue up here.
        var stack = new System.Diagnostics.StackTrace(skipFrames + 1, fNeedFileInfo: false);
        lock (_captures)
        {
            _captures[operation] = (_captures[operation].Count, stack);
        }

        return stack;
    }
}
