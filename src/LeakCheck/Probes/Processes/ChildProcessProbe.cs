using System;
using System.Collections.Generic;
using System.Globalization;
using System.Threading;
using LeakCheck.Runtime;
using LeakCheck.Scopes;

namespace LeakCheck.Probes.Processes;

/// <summary>
/// Child processes the test started (<c>Process.Start</c>) that are still running after it: reported with the file name
/// of their executable and their pid, never their arguments or environment (they can hold secrets).
/// </summary>
/// <remarks>
/// The runtime raises no event and captures no context when it starts a process, but the OS knows which thread forked
/// the child and when (to 10 ms). A child belongs to the scope that thread was in at that time
/// (<see cref="ThreadScopeHistory"/>): the scope the test's code runs in on the thread that called <c>Process.Start</c>.
/// When that thread was in more than one scope within those 10 ms (a pool thread hopping between parallel tests'
/// continuations), or its history does not reach back that far, the child has no owner and is not reported: never a
/// guess, at the price of a miss. A child started before the test, by the runtime or a parallel test is never the
/// test's. Each child is looked at once (procfs: its stat, and the forking thread's <c>children</c> list); a check pays
/// one field read while the runtime has no child.
/// </remarks>
internal sealed class ChildProcessProbe : ILeakProbe
{
    /// <summary>How far either side of a child's 10 ms start tick the forking thread's scope is looked at (clock offsets).</summary>
    private const double MarginSeconds = 0.001;

    private const int MaxRemembered = 16_384;

    private static readonly System.Collections.Concurrent.ConcurrentDictionary<long, PidRange> s_pids = new();

    private static bool s_hadChildren;

    private readonly int _slot;
    private readonly ChildProcesses _layout = ChildProcesses.Instance;
    private readonly Dictionary<int, Child> _children = [];

    public ChildProcessProbe(int slot) => _slot = slot;

    public string Name => "child processes";

    public string? UnavailableReason => _layout.UnavailableReason;

    public void OnScopeBegin(ScopeState scope)
    {
        // The last id the kernel handed out before any of the test's code ran: a child with a later pid was forked
        // after the scope began. Ended scopes keep theirs until the table is full (then they are forgotten: a child
        // that could be theirs then has no owner).
        // Only once the process has had a child: until then nothing is read (a test that starts the first child has no
        // range, and its child is told apart by the forking thread's scope history alone).
        if (Volatile.Read(ref s_hadChildren) && OsThreads.Instance.UnavailableReason is null)
        {
            if (s_pids.Count >= MaxRemembered)
            {
                s_pids.Clear();
            }

            s_pids[scope.Id] = new PidRange(OsThreads.Instance.LastCreatedId());
        }
    }

    public void OnScopeEnd(ScopeState scope)
    {
    }

    public void CollectPending(ScopeState scope, List<PendingItem> pending)
    {
        var pids = _layout.Pids();
        if (s_pids.TryGetValue(scope.Id, out var range) && range.End is null)
        {
            // The check began: a child forked from now on is not the test's.
            range.End = OsThreads.Instance.LastCreatedId();
        }

        if (pids.Count > 0)
        {
            Volatile.Write(ref s_hadChildren, true);
        }

        if (pids.Count == 0)
        {
            lock (_children)
            {
                _children.Clear();
            }

            return;
        }

        foreach (var pid in pids)
        {
            if (_layout.Read(pid) is not { Running: true } state || Identify(pid, state.Started) is not { } child || child.Owner != scope.Id)
            {
                continue;
            }

            var sequences = scope.GetOrCreateSlot(_slot, static () => new Dictionary<int, long>());
            long sequence;
            lock (sequences)
            {
                if (!sequences.TryGetValue(pid, out sequence))
                {
                    sequence = scope.NextSequence();
                    sequences.Add(pid, sequence);
                }
            }

            pending.Add(new PendingItem(LeakKind.ChildProcess, "System.Diagnostics.Process", SettleHint.Completion, sequence)
            {
                Name = child.FileName,
                Details = [string.Create(CultureInfo.InvariantCulture, $"still running: {child.FileName} (pid {pid}), started by the test and never waited for or killed")],
                Identity = child.FileName,
            });
        }

        lock (_children)
        {
            if (_children.Count > pids.Count * 2)
            {
                var live = new HashSet<int>(pids);
                foreach (var gone in new List<int>(_children.Keys))
                {
                    if (!live.Contains(gone))
                    {
                        _children.Remove(gone);
                    }
                }
            }
        }
    }

    /// <summary>Who started the child, decided once per child (a reused pid with another start time is another child).</summary>
    private Child Identify(int pid, double started)
    {
        lock (_children)
        {
            if (_children.TryGetValue(pid, out var known) && known.Started == started)
            {
                return known;
            }
        }

        long owner = 0;
        if (ChildProcesses.ForkingThreadOf(pid) is { } thread
            && ThreadScopeHistory.ScopesAt(thread, started - MarginSeconds, started + (1.0 / ChildProcesses.TicksPerSecond) + MarginSeconds) is { } candidates)
        {
            // The scopes the forking thread was in around the fork, less those that began after the child's pid was
            // handed out or whose check had begun before: exactly one left is the owner.
            foreach (var candidate in candidates)
            {
                // A scope without a range began before the process had any child: only its history speaks for it.
                if (!s_pids.TryGetValue(candidate, out var range) || (_layout.IsAfter(pid, range.Begin) && (range.End is not { } end || !_layout.IsAfter(pid, end))))
                {
                    if (owner != 0)
                    {
                        owner = 0;
                        break;
                    }

                    owner = candidate;
                }
            }
        }

        var child = new Child(owner, started, ChildProcesses.FileNameOf(pid));
        lock (_children)
        {
            _children[pid] = child;
        }

        return child;
    }

    private sealed record Child(long Owner, double Started, string FileName);

    /// <summary>The last pid handed out when a scope began, and when its check began (null until then).</summary>
    private sealed class PidRange(int begin)
    {
        public int Begin { get; } = begin;

        public int? End { get; set; }
    }
}
