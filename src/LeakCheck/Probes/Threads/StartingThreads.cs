using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Diagnostics;
using LeakCheck.Runtime;
using LeakCheck.Scopes;

namespace LeakCheck.Probes.Threads;

/// <summary>
/// Threads of this process that exist but have not yet run managed code. <c>Thread.Start</c> returns once the new
/// thread exists, and the thread probe records it only when it switches into its creator's execution context a moment
/// later, on the new thread: a thread started in a test's last statement could otherwise be looked for before that.
/// A check that finds such a thread waits (within its settle budget) until the thread has entered managed code in some
/// scope's context, has exited, or has existed for <see cref="Expiry"/> (a thread no scope's context ever reaches: the
/// runtime's own, a native library's, one started without a context). Whose the thread is, is still decided only by
/// the context it enters. A check waits only for the threads created while its own test's code ran (their ids are in its
/// scope's <see cref="ScopeIdRanges"/>): a thread the framework started before the test, or between tests, makes no
/// check wait. One look per check costs one read of the last created id; the thread list is read only when some
/// thread was created on the machine since the last look.
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

    private readonly object _gate = new();
    private readonly ConcurrentDictionary<int, byte> _entered = new();
    private readonly Dictionary<int, long> _starting = []; // thread id -> until when it is waited for (Stopwatch ticks)
    private HashSet<int>? _known;
    private int _lastCreatedId;
    private bool _announced;

    /// <summary>Takes the threads that exist now as known: only threads created later can be starting.</summary>
    public void Initialize()
    {
        lock (_gate)
        {
            if (_known is null && OsThreads.Instance.UnavailableReason is { } reason && OperatingSystem.IsLinux() && !_announced)
            {
                _announced = true;
                RuntimeNotices.Add("procfs: " + reason + "; a thread started in a test's last statement can be missed");
            }

            if (_known is null && OsThreads.Instance.UnavailableReason is null)
            {
                _lastCreatedId = OsThreads.Instance.LastCreatedId();
                _known = OsThreads.Instance.ThreadIds();
            }
        }
    }

    /// <summary>Called on a thread when it first enters a scope's context (once per thread): it runs managed code.</summary>
    public void OnEntered()
    {
        try
        {
            if (_known is not null && OsThreads.CurrentThreadId() is { } id)
            {
                _entered.TryAdd(id, 0);
            }
        }
        catch (Exception ex) when (ex is System.IO.IOException or UnauthorizedAccessException)
        {
            Fail(ex);
        }
    }

    /// <summary>
    /// Whether some thread of this process that the scope's test code may have created (see <see cref="ScopeIdRanges"/>;
    /// any, when the scope's range is not known) may still be about to enter its creator's context.
    /// </summary>
    public bool AnyStarting(long scopeId)
    {
        if (_known is null)
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
        _known = null;
        RuntimeNotices.Add("procfs could not be read (" + ex.GetType().Name + "); a thread started in a test's last statement can be missed");
    }

    private bool AnyStartingCore(long scopeId)
    {
        lock (_gate)
        {
            if (_known is null)
            {
                return false;
            }

            var now = Stopwatch.GetTimestamp();
            var lastCreated = OsThreads.Instance.LastCreatedId();
            if (lastCreated != _lastCreatedId)
            {
                _lastCreatedId = lastCreated;
                var ids = OsThreads.Instance.ThreadIds();
                foreach (var id in ids)
                {
                    if (!_known.Contains(id) && !_entered.ContainsKey(id))
                    {
                        // The runtime's own service threads (a background GC thread started mid-run) run no test's code.
                        var name = OsThreads.NameOf(id);
                        if (name is not null && OsThreads.IsRuntimeServiceThread(name))
                        {
                            continue;
                        }

                        var wait = name is not null && name.StartsWith(".NET ", StringComparison.Ordinal) ? RuntimeNamedExpiry : Expiry;
                        _starting.TryAdd(id, now + (long)(wait.TotalSeconds * Stopwatch.Frequency));
                    }
                }

                _known = ids;
                foreach (var id in _entered.Keys)
                {
                    if (!ids.Contains(id))
                    {
                        _entered.TryRemove(id, out _);
                    }
                }
            }

            if (_starting.Count == 0)
            {
                return false;
            }

            List<int>? done = null;
            foreach (var (id, deadline) in _starting)
            {
                if (_entered.ContainsKey(id) || now >= deadline || !OsThreads.Exists(id))
                {
                    (done ??= []).Add(id);
                }
            }

            foreach (var id in done ?? [])
            {
                _starting.Remove(id);
            }

            foreach (var id in _starting.Keys)
            {
                if (ScopeIdRanges.Holds(scopeId, id) != false)
                {
                    return true;
                }
            }

            return false;
        }
    }
}
