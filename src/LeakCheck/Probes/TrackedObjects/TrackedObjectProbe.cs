using System;
using System.Collections.Generic;
using System.Diagnostics;
using LeakCheck.Engine;
using LeakCheck.Reporting;
using LeakCheck.Scopes;
using LeakCheck.Stacks;

namespace LeakCheck.Probes.TrackedObjects;

/// <summary>
/// Objects registered with <see cref="LeakTracker.Track(object, string?)"/>: a weak reference each, pending
/// while the object is still reachable.
/// </summary>
internal sealed class TrackedObjectProbe : ILeakProbe
{
    private readonly int _slot;

    public TrackedObjectProbe(int slot) => _slot = slot;

    public string Name => "tracked objects";

    public string? UnavailableReason => null;

    public void OnScopeBegin(ScopeState scope)
    {
    }

    public void OnScopeEnd(ScopeState scope)
    {
    }

    public void Track(ScopeState scope, object target, string? name, StackTrace creationStack)
    {
        var records = scope.GetOrCreateSlot(_slot, static () => new List<TrackedRecord>());
        var record = new TrackedRecord(new WeakReference(target), TypeNames.Of(target.GetType()), name, creationStack, scope.NextSequence());
        lock (records)
        {
            records.Add(record);
        }
    }

    public void CollectPending(ScopeState scope, List<PendingItem> pending)
    {
        var records = scope.GetSlot<List<TrackedRecord>>(_slot);
        if (records is null)
        {
            return;
        }

        lock (records)
        {
            // Collected objects are forgotten for good, so a long test that tracks many short-lived objects
            // does not re-check them at every step.
            records.RemoveAll(static r => !r.Target.IsAlive);
            foreach (var record in records)
            {
                pending.Add(new PendingItem(LeakKind.TrackedObject, record.TypeName, SettleHint.Collection, record.Sequence)
                {
                    Name = record.Name,
                    CreationStack = record.CreationStack,
                    Subject = record.Target,
                });
            }
        }
    }

    private sealed record TrackedRecord(WeakReference Target, string TypeName, string? Name, StackTrace CreationStack, long Sequence);
}
