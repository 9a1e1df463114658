using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Diagnostics;
using System.Threading;
using System.Threading.Tasks;
using LeakCheck.Runtime;
using LeakCheck.Scopes;

namespace LeakCheck.Probes.Threads;

/// <summary>
/// Threads of this process that exist but have not yet run managed code. <c>Thread.Start</c> returns once the new
/// thread exists, and the thread probe records it only when it switches into its creator's execution context a moment
/// later, on the new thread: a thread started in a test's last statement could otherwise be looked for before that.
/// A check that finds such a thread waits (within its settle budget) until the thread has entered managed code in some
/// scope's context, has started running a task (<see cref="TaskRunListener"/>: the dedicated thread of a long-running
/// task, a pool worker, which are never threads a test started), has exited, or has existed for <see cref="Expiry"/> (a
/// thread no scope's context ever reaches: the runtime's own, a native library's, one started without a context). Whose
/// the thread is, is still decided only by the context it enters. A check waits only for the threads created while its own
/// test's code ran (their ids are in its scope's <see cref="ScopeIdRanges"/>): a thread the framework started before the
/// test, or between tests, makes no check wait. One look per check costs one read of the last created id; only the ids
/// handed out since the last look are looked up.
/// </summary>
internal sealed class StartingThreads
{
    /// <summary>How long a new thread that enters no scope's context can make checks wait, once.</summary>
    public static readonly TimeSpan Expiry = TimeSpan.FromSeconds(1);

    /// <summary>
    /// The same for a thread the system names as the runtime's (".NET TP Worker", ".NET Timer"...): mostly a new pool
    /// worker that may idle without entering any test's context. A user's unnamed thread takes its creator's name (a
    /// pool worker's, in async tests), so it is still waited for, only shorter.
    /// </summary>
    public static readonly TimeSpan RuntimeNamedExpiry = TimeSpan.FromMilliseconds(100);

    // Threads (OS ids) that ran managed code in a scope's context or ran a task: a fact about the process, shared by
    // every instance. Ids of exited threads are dropped once the set has doubled since the last pruning, and whenever a
    // quarter of all ids was handed out since then (an exited thread's id comes back only after they all were).
    private static readonly ConcurrentDictionary<int, byte> s_ran = new();
    private static readonly Func<int, bool> s_hasRun = s_ran.ContainsKey;
    private static int s_pruneAt = 256;
    private static int s_prunedAtId;

    // How many threads were marked so far, and the checks waiting for the next one (completed on the pool, never inside
    // the runtime callback that marks): a check resumes as soon as a starting thread runs managed code.
    private static int s_marks;
    private static readonly object s_waitGate = new();
    private static List<TaskCompletionSource>? s_waiting;

    /// <summary>How many checks may wait for the next mark at once before they are all woken (a wake-up only means one more look).</summary>
    private const int MaxWaiting = 256;

    private readonly object _gate = new();
    private readonly Dictionary<int, Starting> _starting = [];
    private bool _available;
    private int _lastCreatedId;
    private bool _announced;

    /// <summary>Takes the threads that exist now as known: only threads created later can be starting.</summary>
    public void Initialize()
    {
        lock (_gate)
        {
            if (!_available && OsThreads.Instance.UnavailableReason is { } reason && OperatingSystem.IsLinux() && !_announced)
            {
                _announced = true;
                RuntimeNotices.Add("procfs: " + reason + "; a thread started in a test's last statement can be missed");
            }

            if (!_available && !_announced && OsThreads.Instance.UnavailableReason is null)
            {
                _lastCreatedId = OsThreads.Instance.LastCreatedId();
                s_prunedAtId = _lastCreatedId;
                _available = true;
                TaskRunListener.Start();
            }
        }
    }

    /// <summary>Called on a thread when it first enters a scope's context (once per thread): it runs managed code.</summary>
    public void OnEntered()
    {
        if (_available)
        {
            MarkCurrentThread();
        }
    }

    /// <summary>Marks the calling thread as one that ran managed code. Never throws: it runs inside the runtime's context-switch notification or an event callback.</summary>
    internal static void MarkCurrentThread()
    {
        try
        {
            if (OsThreads.CurrentThreadId() is { } id && s_ran.TryAdd(id, 0))
            {
                Interlocked.Increment(ref s_marks);
                if (Volatile.Read(ref s_waiting) is not null)
                {
                    WakeWaiting();
                }
            }
        }
        catch (Exception ex) when (ex is System.IO.IOException or UnauthorizedAccessException)
        {
            RuntimeNotices.Add("procfs could not be read (" + ex.GetType().Name + "); checks may wait for new threads to start");
        }
    }

    /// <summary>Gets how many threads have been marked as running managed code so far (see <see cref="NextMarkAfter"/>).</summary>
    public static int Marks => Volatile.Read(ref s_marks);

    /// <summary>
    /// Returns a task that completes once a thread is marked after <paramref name="marksSeen"/> marks (at once when that
    /// already happened): a check that waits for starting threads resumes when one of them runs managed code, not at its
    /// next poll. Completed on the thread pool, without any execution context. The caller bounds the wait.
    /// </summary>
    public static Task NextMarkAfter(int marksSeen)
    {
        var next = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        bool full;
        lock (s_waitGate)
        {
            (s_waiting ??= []).Add(next);
            full = s_waiting.Count >= MaxWaiting;
        }

        if (full || Marks != marksSeen)
        {
            WakeWaiting();
        }

        return next.Task;
    }

    // Runs inside runtime callbacks (an event, a context switch): it only takes the list and queues its completion.
    private static void WakeWaiting()
    {
        List<TaskCompletionSource>? waiting;
        lock (s_waitGate)
        {
            waiting = s_waiting;
            s_waiting = null;
        }

        if (waiting is not null)
        {
            ThreadPool.UnsafeQueueUserWorkItem(static list => list.ForEach(static w => w.TrySetResult()), waiting, preferLocal: false);
        }
    }

    /// <summary>
    /// Whether some thread of this process that the scope's test code may have created (see <see cref="ScopeIdRanges"/>;
    /// any, when the scope's range is not known) may still be about to enter its creator's context.
    /// </summary>
    /// <param name="scopeId">The asking scope.</param>
    /// <param name="marksSeen">The number of marks before this look: <see cref="NextMarkAfter"/> with it completes at the next change.</param>
    public bool AnyStarting(long scopeId, out int marksSeen)
    {
        marksSeen = Marks;
        if (!_available)
        {
            return false;
        }

        try
        {
            return AnyStartingCore(scopeId);
        }
        catch (Exception ex) when (ex is System.IO.IOException or UnauthorizedAccessException)
        {
            Fail(ex);
            return false;
        }
    }

    // Stops looking for the rest of the run, and says so in the next report.
    private void Fail(Exception ex)
    {
        _available = false;
        _announced = true;
        RuntimeNotices.Add("procfs could not be read (" + ex.GetType().Name + "); a thread started in a test's last statement can be missed");
    }

    private bool AnyStartingCore(long scopeId)
    {
        lock (_gate)
        {
            if (!_available)
            {
                return false;
            }

            var now = Stopwatch.GetTimestamp();
            var lastCreated = OsThreads.Instance.LastCreatedId();
            if (lastCreated != _lastCreatedId)
            {
                // A thread that already ran managed code is not starting: its existence is not looked up.
                foreach (var id in OsThreads.Instance.ThreadsCreatedBetween(_lastCreatedId, lastCreated, s_hasRun))
                {
                    if (!s_ran.ContainsKey(id))
                    {
                        _starting.TryAdd(id, new Starting(now + ToTicks(Expiry)));
                    }
                }

                _lastCreatedId = lastCreated;
                PruneExited(lastCreated);
            }

            if (_starting.Count == 0)
            {
                return false;
            }

            // Most new threads run managed code before any check needs them: a thread's name is read, and its existence
            // checked, only once it would make this check wait.
            List<int>? done = null;
            var any = false;
            foreach (var (id, starting) in _starting)
            {
                if (s_ran.ContainsKey(id) || now >= starting.Deadline)
                {
                    (done ??= []).Add(id);
                    continue;
                }

                if (any || ScopeIdRanges.Holds(scopeId, id) == false)
                {
                    continue;
                }

                if (!OsThreads.Exists(id))
                {
                    (done ??= []).Add(id);
                    continue;
                }

                if (!starting.Named)
                {
                    starting.Named = true;
                    var name = OsThreads.NameOf(id);
                    if (name is not null && OsThreads.IsRuntimeServiceThread(name))
                    {
                        // The runtime's own service threads (a background GC thread started mid-run) run no test's code.
                        (done ??= []).Add(id);
                        continue;
                    }

                    if (name is not null && name.StartsWith(".NET ", StringComparison.Ordinal))
                    {
                        starting.Deadline -= ToTicks(Expiry - RuntimeNamedExpiry);
                        if (now >= starting.Deadline)
                        {
                            (done ??= []).Add(id);
                            continue;
                        }
                    }
                }

                any = true;
            }

            foreach (var id in done ?? [])
            {
                _starting.Remove(id);
            }

            return any;
        }
    }

    private static long ToTicks(TimeSpan span) => (long)(span.TotalSeconds * Stopwatch.Frequency);

    /// <summary>A thread seen before it ran managed code: until when it is waited for, and whether its name was read.</summary>
    private sealed class Starting(long deadline)
    {
        public long Deadline { get; set; } = deadline;

        public bool Named { get; set; }
    }

    // Forgets threads that exited (one listing of the process's threads).
    private static void PruneExited(int lastCreated)
    {
        if (s_ran.Count < s_pruneAt && OsThreads.Instance.Distance(s_prunedAtId, lastCreated) < OsThreads.Instance.IdCount / 4)
        {
            return;
        }

        s_prunedAtId = lastCreated;
        var live = OsThreads.Instance.ThreadIds();
        foreach (var id in s_ran.Keys)
        {
            if (!live.Contains(id))
            {
                s_ran.TryRemove(id, out _);
            }
        }

        s_pruneAt = Math.Max(256, s_ran.Count * 2);
    }
}
