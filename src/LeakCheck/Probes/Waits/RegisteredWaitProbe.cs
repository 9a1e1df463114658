using System;
using System.Collections.Generic;
using System.Globalization;
using System.Runtime.CompilerServices;
using LeakCheck.Engine;
using LeakCheck.Runtime;
using LeakCheck.Scopes;
using LeakCheck.Stacks;

namespace LeakCheck.Probes.Waits;

/// <summary>
/// Waits registered with <c>ThreadPool.RegisterWaitForSingleObject</c> and never unregistered: pending while the
/// thread pool still waits on them (a one-shot wait whose handle was signalled or whose time-out passed is gone).
/// A wait belongs to the scope whose execution context it captured when it was registered, so a wait registered
/// before the test or by a parallel test is never this test's.
/// </summary>
/// <remarks>
/// The runtime raises no in-process event for a registration, so there is no creation stack: the report names the
/// callback and where it is declared (for a lambda, inside the method that registered it). A wait registered with
/// <c>UnsafeRegisterWaitForSingleObject</c> captures no context, has no owner and is not reported. The probe costs
/// nothing per creation; each check reads the pool's wait list (nothing at all while no wait thread exists).
/// </remarks>
internal sealed class RegisteredWaitProbe : ILeakProbe
{
    private readonly int _slot;
    private readonly RegisteredWaits _layout = RegisteredWaits.Instance;

    public RegisteredWaitProbe(int slot) => _slot = slot;

    public string Name => "registered waits";

    public string? UnavailableReason => _layout.UnavailableReason;

    public void OnScopeBegin(ScopeState scope)
    {
    }

    public void OnScopeEnd(ScopeState scope)
    {
    }

    public void CollectPending(ScopeState scope, List<PendingItem> pending)
    {
        var waits = _layout.Snapshot();
        if (waits.Count == 0)
        {
            return;
        }

        foreach (var wait in waits)
        {
            if (wait.Context is null || wait.Callback is not { } callback || AmbientScope.In(wait.Context) != scope
                || (callback.Method.DeclaringType is { } type && UserFrames.IsInfrastructureType(type)))
            {
                continue;
            }

            var sequence = scope.GetOrCreateSlot(_slot, static () => new FirstSightings()).SequenceOf(scope, RuntimeHelpers.GetHashCode(wait.Handle));
            var method = UserFrames.Describe(callback.Method);
            pending.Add(new PendingItem(LeakKind.RegisteredWait, "System.Threading.RegisteredWaitHandle", SettleHint.Completion, sequence)
            {
                Details = [Schedule(wait), "callback: " + UserFrames.DescribeDeclared(callback.Method)],
                Identity = method,
                Subject = new WeakReference(wait.Handle),
                EarliestCompletion = wait.Repeating || wait.UntilTimeout is not { } due ? TimeSpan.MaxValue : due,
            });
        }
    }

    private static string Schedule(RegisteredWait wait)
    {
        var runs = wait.Repeating ? "runs its callback each time it is signalled" : "runs its callback once";
        return wait.Timeout is { } timeout
            ? string.Create(CultureInfo.InvariantCulture, $"waiting for a handle to be signalled, time-out {Timers.TimerInspector.Span((uint)timeout.TotalMilliseconds)}{(wait.Repeating ? " (restarted after each call)" : string.Empty)}; {runs}")
            : "waiting for a handle to be signalled, no time-out; " + runs;
    }
}
