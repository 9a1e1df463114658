using System.Collections.Generic;
using System.Diagnostics;

namespace LeakCheck.Probes.Timers;

/// <summary>A timer a scope armed: the runtime's id for it (its identity hash code) and where it was armed.</summary>
internal sealed record TimerRecord(int TimerId, StackTrace? CreationStack, long Sequence, IReadOnlyList<StackTrace>? StartedBy)
{
    /// <summary>Gets or sets whether the timer was created in the arming scope (its captured context never changes: read once).</summary>
    public bool? CreatedInScope { get; set; }

    /// <summary>Gets the innermost user method that armed the timer, computed once (for the fingerprint of timers without a callback of their own).</summary>
    public string? Creator => _creator ??= Stacks.UserFrames.CreatingMethod(CreationStack) ?? string.Empty;

    private string? _creator;
}
