using System.Collections.Generic;
using LeakCheck.Engine;
using LeakCheck.Scopes;

namespace LeakCheck.Probes;

/// <summary>
/// One runtime mechanism that can leak (tracked objects, tasks, timers, channels, threads). The engine knows
/// probes only through this seam.
/// </summary>
/// <remarks>
/// A probe records what a scope creates (usually from a creation event raised on the creating thread, where
/// <see cref="AmbientScope.Current"/> is the owner) into the scope's slot, and later lists what is still
/// pending. Probes must never throw into user code and must never keep a strong reference to what they
/// watch: the checker must not change what is collectable.
/// </remarks>
internal interface ILeakProbe
{
    /// <summary>Gets the probe's name as shown in notices, for example <c>tasks</c>.</summary>
    string Name { get; }

    /// <summary>
    /// Gets why the probe cannot work on this runtime, or null when it works. A probe resolves the runtime
    /// members it needs once; when they do not match it reports itself unavailable instead of guessing.
    /// </summary>
    string? UnavailableReason { get; }

    /// <summary>Called when a scope begins, before any user code runs in it (for example to start listening).</summary>
    void OnScopeBegin(ScopeState scope);

    /// <summary>Adds every item the scope owns that is still pending (alive, running or armed).</summary>
    void CollectPending(ScopeState scope, List<PendingItem> pending);

    /// <summary>Called once when the scope ends (with or without a verdict): drop every per-scope record kept outside the scope.</summary>
    void OnScopeEnd(ScopeState scope);
}
