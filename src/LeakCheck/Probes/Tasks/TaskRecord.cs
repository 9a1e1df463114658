using System;
using System.Collections.Generic;
using System.Diagnostics;
using LeakCheck.Engine;
using LeakCheck.Scopes;

namespace LeakCheck.Probes.Tasks;

/// <summary>
/// What the task probe knows of one task a scope created: the id from the creation event, the creation
/// stack, and, once the task has been taken out of the runtime's registry, a weak reference to it and the
/// last description of where it waited (kept so that an abandoned method can still say where it stopped).
/// </summary>
internal sealed class TaskRecord
{
    public TaskRecord(int taskId, string operation, ScopeState owner, StackTrace? creationStack, long sequence)
    {
        TaskId = taskId;
        Operation = operation;
        Owner = owner;
        CreationStack = creationStack;
        Sequence = sequence;
    }

    public int TaskId { get; }

    /// <summary>Gets the runtime's operation name, for example <c>Async: &lt;PumpAsync&gt;d__3</c> or <c>Task.Delay</c>.</summary>
    public string Operation { get; }

    public ScopeState Owner { get; }

    public StackTrace? CreationStack { get; }

    /// <summary>Gets the creation stacks of the owned tasks this one was created in, innermost first (see <see cref="PendingItem.StartedBy"/>).</summary>
    public IReadOnlyList<StackTrace>? StartedBy { get; init; }

    public long Sequence { get; }

    /// <summary>Gets or sets the task, weakly, once it has been taken from the registry; null before.</summary>
    public WeakReference? Task { get; set; }

    /// <summary>Gets or sets the last description of the live task.</summary>
    public TaskDescription? LastSeen { get; set; }

    /// <summary>Gets a value indicating whether the creation stack was not walked because the task looked like infrastructure work.</summary>
    public bool StackSkipped { get; init; }

    /// <summary>Gets a value indicating whether the creation stack was not captured because the scope had captured enough stacks of this operation.</summary>
    public bool StackNotSampled { get; init; }

    /// <summary>Gets or sets a value indicating whether the completion event was seen.</summary>
    public bool Completed { get; set; }
}
