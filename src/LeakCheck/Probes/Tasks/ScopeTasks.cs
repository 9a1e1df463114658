using System.Collections.Concurrent;
using System.Collections.Generic;

namespace LeakCheck.Probes.Tasks;

/// <summary>The task probe's per-scope state: pending records and the stack-capture budget.</summary>
internal sealed class ScopeTasks
{
    /// <summary>
    /// A creation stack costs several microseconds. A scope captures one for each of the first creations of an
    /// operation (an async method, a lambda, Task.Delay); later creations of the same operation get none (a report
    /// never shows a stack that did not create its item, and says when none was captured), so a test that starts
    /// 10,000 short tasks from one loop pays a handful of walks.
    /// </summary>
    public const int StacksPerOperation = 8;

    /// <summary>What an item says when its creation stack was not captured.</summary>
    public const string NotCapturedNote =
        "creation stack not captured: a test records it for the first 8 creations of each async method, delegate or Task.Delay";

    private readonly Dictionary<string, int> _captures = new();

    public ConcurrentDictionary<int, TaskRecord> Pending { get; } = new();

    /// <summary>Returns a fresh stack for the first creations of <paramref name="operation"/>, null after that.</summary>
    /// <param name="operation">The operation being created.</param>
    /// <param name="skipFrames">The caller's frames to leave out.</param>
    /// <param name="unbudgeted">True to walk whatever the budget (every <c>Task.Delay</c> of a test the framework races against its own).</param>
    public System.Diagnostics.StackTrace? StackFor(string operation, int skipFrames, bool unbudgeted = false)
    {
        if (unbudgeted)
        {
            return new System.Diagnostics.StackTrace(skipFrames + 1, fNeedFileInfo: false);
        }

        lock (_captures)
        {
            _captures.TryGetValue(operation, out var seen);
            if (seen >= StacksPerOperation)
            {
                return null;
            }

            _captures[operation] = seen + 1;
        }

        // The walk happens outside the lock: tasks created on several threads at once do not queue up here.
        return new System.Diagnostics.StackTrace(skipFrames + 1, fNeedFileInfo: false);
    }
}
