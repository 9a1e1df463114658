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


    private readonly int _slot;
    private readonly ChildProcesses _layout = ChildProcesses.Instance;
    private readonly Dictionary<int, Child> _children = [];

    public ChildProcessProbe(int slot) => _slot = slot;

    public string Name => "child processes";

    public string? UnavailableReason => _layout.UnavailableReason;

    // Each scope's range of ids (ScopeIdRanges) is recorded by the scope itself, for this probe and the thread probe.
    public void OnScopeBegin(ScopeState scope)
    {
    }

    public void OnScopeEnd(ScopeState scope)
    {
    }

    public void CollectPending(ScopeState scope, List<PendingItem> pending)
    {
        var pids = _layout.Pids();

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

            var sequence = scope.GetOrCreateSlot(_slot, static () => new FirstSightings()).SequenceOf(scope, pid);

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

        // The scopes that were live when the kernel handed out the child's pid (begun before, check not yet begun).
        var live = ScopeIdRanges.Holding(pid);

        // The scopes the forking thread was in during the child's 10 ms start tick (null: its history does not reach).
        var thread = ChildProcesses.ForkingThreadOf(pid);
        var visited = thread is { } t ? ThreadScopeHistory.ScopesAt(t, started - MarginSeconds, started + (1.0 / ChildProcesses.TicksPerSecond) + MarginSeconds) : null;

        // The owner: the one live scope the forking thread was in; or, when the thread's history cannot say, the one
        // scope that was live at all. A thread that was in no scope then (framework or background work) makes none.
        long owner = 0;
        if (visited is not null)
        {
            var both = visited.FindAll(live.Contains);
            owner = both.Count == 1 ? both[0] : 0;
        }
        else if (live.Count == 1)
        {
            owner = live[0];
        }

        var child = new Child(owner, started, ChildProcesses.FileNameOf(pid));
        lock (_children)
        {
            _children[pid] = child;
        }

        return child;
    }

    private sealed record Child(long Owner, double Started, string FileName);
}
