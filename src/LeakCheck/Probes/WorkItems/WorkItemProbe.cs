using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using LeakCheck.Engine;
using LeakCheck.Scopes;

namespace LeakCheck.Probes.WorkItems;

/// <summary>
/// Work the test queued to the thread pool that is still running: a <c>ThreadPool.QueueUserWorkItem</c> callback (or a
/// timer or I/O callback that captured the test's context) that has not returned. A pool thread's execution context
/// switches into the test's when such work starts and back out when it returns; the probe keeps which pool threads
/// are inside each scope's context right now.
/// </summary>
/// <remarks>
/// Work that runs as a task (<c>Task.Run</c>, continuations of tasks) is the task probe's, and a pool thread inside the
/// context of a scope that still has a pending task, async method, armed timer or registered wait is taken to run that
/// (an async method blocked synchronously between two awaits, a periodic timer's callback): only what none of them
/// explains is reported, so nothing is reported twice. The
/// runtime raises no in-process event when a work item is queued and a running thread's stack cannot be read, so a
/// work item has no creation stack and no callback name. <c>UnsafeQueueUserWorkItem</c> carries no context and is not
/// seen. The checking thread itself is never counted.
/// </remarks>
internal sealed class WorkItemProbe : ILeakProbe, IPoolContextObserver
{
    private readonly int _slot;
    private string? _failure;

    public WorkItemProbe(int slot) => _slot = slot;

    public string Name => "work items";

    public string? UnavailableReason => _failure;

    public void OnScopeBegin(ScopeState scope) => AmbientScope.EnablePoolContextNotifications(this);

    public void OnScopeEnd(ScopeState scope)
    {
    }

    public void OnPoolContextEntered(ScopeState scope)
    {
        // A task's delegate runs with the task current (the task probe owns it); nothing is recorded into an ended scope.
        if (scope.IsEnded || Task.CurrentId is not null)
        {
            return;
        }

        scope.GetOrCreateSlot(_slot, static () => new ScopeWorkItems()).Inside[Environment.CurrentManagedThreadId] = 0;
    }

    public void OnPoolContextLeft(ScopeState scope) => scope.GetSlot<ScopeWorkItems>(_slot)?.Inside.TryRemove(Environment.CurrentManagedThreadId, out _);

    public void Fail(Exception error) => _failure ??= "it failed while the runtime notified a context switch: " + error.GetType().Name;

    public void CollectPending(ScopeState scope, List<PendingItem> pending)
    {
        var records = scope.GetSlot<ScopeWorkItems>(_slot);
        if (records is null || records.Inside.IsEmpty || pending.Exists(static p => p.Kind is LeakKind.Task or LeakKind.AsyncMethod or LeakKind.Timer or LeakKind.RegisteredWait))
        {
            return;
        }

        var me = Environment.CurrentManagedThreadId;
        var sequences = records.Sequences;
        foreach (var threadId in records.Inside.Keys)
        {
            if (threadId == me)
            {
                continue;
            }

            var sequence = sequences.SequenceOf(scope, threadId);

            // A pool thread leaving the test's context is mostly the test's own last continuation unwinding: not work that
            // finished and left objects to collect, so it calls for no further collection (tasks do).
            pending.Add(new PendingItem(LeakKind.WorkItem, "thread-pool work item", SettleHint.Completion, sequence)
            {
                ReleasesNothing = true,
                Details = ["still running on a thread-pool thread (queued with ThreadPool.QueueUserWorkItem, or a callback that captured the test's context)"],
            });
        }
    }

    /// <summary>The pool threads inside the scope's context now (by managed thread id), and the report order of each once seen pending.</summary>
    private sealed class ScopeWorkItems
    {
        public ConcurrentDictionary<int, byte> Inside { get; } = new();

        public FirstSightings Sequences { get; } = new();
    }
}
