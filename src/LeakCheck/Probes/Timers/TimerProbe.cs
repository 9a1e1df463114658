using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Diagnostics;
using System.Runtime.CompilerServices;
using System.Threading;
using LeakCheck.Engine;
using LeakCheck.Runtime;
using LeakCheck.Scopes;

namespace LeakCheck.Probes.Timers;

/// <summary>
/// Armed timers of every kind: <c>System.Threading.Timer</c>, enabled <c>System.Timers.Timer</c>,
/// <c>CancelAfter</c>/<c>new CancellationTokenSource(delay)</c>, <c>PeriodicTimer</c> and
/// <c>TimeProvider.System</c> timers. <c>Task.Delay</c> is left to the task probe, which reports it inside
/// the async method that awaits it, or as a timer when nothing does.
/// </summary>
/// <remarks>
/// Ownership comes from the arming event on the arming thread; the probe keeps only the timer's identity hash,
/// never the timer, and finds armed timers by walking the runtime's timer queues when it is asked. A timer
/// nothing references is disposed by its finalizer during settling, so it is not reported. A timer that captured
/// an execution context when it was created belongs to the scope of that context: a test that re-arms a timer
/// created outside it (a shared fixture's debouncer, a cache's expiry timer) does not own it.
/// </remarks>
internal sealed class TimerProbe : ILeakProbe
{
    private readonly int _slot;
    private readonly TimerQueues _layout = TimerQueues.Instance;
    private readonly object _startLock = new();
    private TimerArmListener? _listener;
    private string? _failure;

    private readonly Func<ScopeState?> _runningTaskOwner = static () => ProbeRegistry.Tasks.RunningTaskOwner();

    public TimerProbe(int slot) => _slot = slot;

    public string Name => "timers";

    public string? UnavailableReason => _layout.UnavailableReason ?? _failure;

    public void OnScopeBegin(ScopeState scope)
    {
        if (_listener is not null)
        {
            return;
        }

        lock (_startLock)
        {
            if (_listener is null)
            {
                _listener = TimerArmListener.Start(this);
                if (!_listener.Enabled)
                {
                    // The framework event source is created lazily, on first use: arm and disarm one timer
                    // (before the scope is current, so it is nobody's) to bring it into existence.
                    new System.Threading.Timer(static _ => { }, null, 60_000, System.Threading.Timeout.Infinite).Dispose();
                }

                if (!_listener.Enabled)
                {
                    _failure = $"event source {Runtime.RuntimeEvents.FrameworkEventSource} not found";
                }
            }
        }
    }

    public void OnTimerArmed(int timerId)
    {
        var scope = AmbientScope.CurrentOrRunningTaskOwner(_runningTaskOwner);
        if (scope is null)
        {
            return;
        }

        var timers = scope.GetOrCreateSlot(_slot, static () => new ScopeTimers());
        if (!timers.Armed.ContainsKey(timerId))
        {
            var stack = timers.TakeStackTicket() ? new StackTrace(2, fNeedFileInfo: false) : null;
            if (stack is not null && Stacks.UserFrames.IsCreatedByInfrastructure(stack))
            {
                // A timer the test framework arms for its own purposes is never the test's.
                return;
            }

            var startedBy = stack is null ? null : ProbeRegistry.Tasks.StartedBy(scope);
            timers.Armed.TryAdd(timerId, new TimerRecord(timerId, stack, scope.NextSequence(), startedBy));
        }
    }

    public void Fail(Exception ex) => Fail($"{ex.GetType().Name}: {ex.Message}");

    /// <summary>Turns the probe off for the rest of the run; the reason is announced in the next report.</summary>
    public void Fail(string reason) => _failure ??= reason;

    public void CollectPending(ScopeState scope, List<PendingItem> pending)
    {
        var timers = scope.GetSlot<ScopeTimers>(_slot)?.Armed;
        if (timers is null || timers.IsEmpty)
        {
            return;
        }

        // Under the queue locks only the scope's own timers are read, and only their schedule: a timer that fires
        // or is changed after the lock is released must not be seen half-updated (a fired one-shot timer has an
        // infinite due time and would look like it could never finish). Descriptions are built after the locks.
        var armed = new List<ArmedTimer>();
        _layout.ForEachArmedTimer(timer =>
        {
            if (timers.ContainsKey(RuntimeHelpers.GetHashCode(timer)) && _layout.ReadSchedule(timer) is { } schedule)
            {
                armed.Add(new ArmedTimer(timer, schedule));
            }
        });

        var seen = new HashSet<int>();
        foreach (var (timer, schedule) in armed)
        {
            var id = RuntimeHelpers.GetHashCode(timer);
            if (!seen.Add(id) || !timers.TryGetValue(id, out var record) || !(record.CreatedInScope ??= CreatedIn(scope, timer)))
            {
                continue;
            }

            if (TimerInspector.Describe(timer, schedule, _layout) is { } description)
            {
                pending.Add(new PendingItem(LeakKind.Timer, description.Kind, SettleHint.Collection | SettleHint.Completion, record.Sequence)
                {
                    Details = record.CreationStack is null ? [.. description.Details, ScopeTimers.NotCapturedNote] : description.Details,
                    Identity = description.Identity ?? record.Creator,
                    CreationStack = record.CreationStack,
                    StartedBy = record.StartedBy,
                    Subject = new WeakReference(timer),
                    EarliestCompletion = schedule.UntilDue(_layout.Now()),
                });
            }
        }

        // Timers no longer armed (disposed, fired once, collected) are forgotten; arming them again records them again.
        foreach (var id in timers.Keys)
        {
            if (!seen.Contains(id))
            {
                timers.TryRemove(id, out _);
            }
        }
    }

    // Timers that flow no context (Task.Delay, PeriodicTimer, CancelAfter, UnsafeRegister) tell nothing about their
    // creator: the arming scope owns them.
    private bool CreatedIn(ScopeState scope, object timer)
        => _layout.CapturedContext!.GetValue(timer) is not ExecutionContext created || AmbientScope.In(created) == scope;

    private readonly record struct ArmedTimer(object Timer, TimerSchedule Schedule);

    public void OnScopeEnd(ScopeState scope)
    {
    }
}
