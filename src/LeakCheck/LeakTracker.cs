using System;
using System.Diagnostics;
using LeakCheck.Engine;
using LeakCheck.Probes;
using LeakCheck.Scopes;

namespace LeakCheck;

/// <summary>
/// Registers objects that must be garbage by the end of the current scope.
/// </summary>
public static class LeakTracker
{
    /// <summary>
    /// Records <paramref name="target"/> (through a weak reference), its type, <paramref name="name"/>, the current
    /// scope and the creation stack. If the object is still reachable when the scope ends (after settling),
    /// the scope reports it as leaked.
    /// </summary>
    /// <param name="target">The object that should not outlive the scope.</param>
    /// <param name="name">A name to show in the report; never the object's values.</param>
    /// <exception cref="ArgumentNullException"><paramref name="target"/> is null.</exception>
    /// <remarks>
    /// Outside any scope (or in a scope whose mode is <see cref="LeakCheckMode.Off"/>, or one that has ended)
    /// the call does nothing: there is no test to own the object, so it is never reported. The tracker keeps
    /// no strong reference, so tracking never changes what is collectable.
    /// </remarks>
    public static void Track(object target, string? name = null)
    {
        ArgumentNullException.ThrowIfNull(target);
        var scope = AmbientScope.CurrentOrRunningTaskOwner(static () => ProbeRegistry.Tasks.RunningTaskOwner());
        if (scope is null)
        {
            return;
        }

        ProbeRegistry.TrackedObjects.Track(scope, target, name, new StackTrace(1, fNeedFileInfo: false));
    }
}
