using System;
using System.Collections.Generic;
using System.Reflection;
using System.Threading;

namespace LeakCheck.Runtime;

/// <summary>
/// The runtime's timer queues: <c>TimerQueue.Instances</c> (one queue per processor) with <c>_shortTimers</c> and
/// <c>_longTimers</c>, doubly linked <c>TimerQueueTimer</c>s (<c>_next</c>), and each timer's <c>_timerCallback</c>,
/// <c>_state</c>, <c>_dueTime</c>, <c>_period</c>, <c>_canceled</c>, <c>_executionContext</c> (the context captured
/// at creation; null for timers that do not flow it) and <c>_startTicks</c> (when it was armed or last fired).
/// </summary>
/// <remarks>
/// Differences resolved here, each checked on the running runtime rather than assumed from a version number:
/// <list type="bullet">
/// <item>The lock: .NET 9 and later guard a queue with <c>TimerQueue.SharedLock</c> (a <c>System.Threading.Lock</c>);
/// .NET 8 locks the queue object itself. Which one the runtime takes is read from the IL of
/// <c>TimerQueueTimer.Change</c>.</item>
/// <item>The clock <c>_startTicks</c> is on: <c>TimerQueue.TickCount64</c> up to .NET 10; .NET 11 removed it and
/// stamps timers with <c>Environment.TickCount64</c>. The clock chosen is checked against a timer armed now.</item>
/// </list>
/// </remarks>
internal sealed class TimerQueues
{
    private readonly PropertyInfo? _instances;
    private readonly FieldInfo? _shortTimers;
    private readonly FieldInfo? _longTimers;
    private readonly FieldInfo? _next;
    private readonly FieldInfo? _startTicks;
    private readonly PropertyInfo? _sharedLock;
    private readonly Func<long>? _clock;
    private readonly RuntimeLock _lock;

    internal TimerQueues(Assembly coreLib)
    {
        var lookup = new MemberLookup();
        var queue = lookup.Type(coreLib, "System.Threading.TimerQueue");
        var timer = lookup.Type(coreLib, "System.Threading.TimerQueueTimer");
        if (queue is null || timer is null)
        {
            Members = lookup.Resolved;
            UnavailableReason = lookup.UnavailableReason;
            return;
        }

        _instances = lookup.Property(queue, "Instances", typeof(Array));
        _shortTimers = lookup.Field(queue, "_shortTimers", timer);
        _longTimers = lookup.Field(queue, "_longTimers", timer);
        _next = lookup.Field(timer, "_next", timer);
        Callback = lookup.Field(timer, "_timerCallback", typeof(TimerCallback));
        State = lookup.Field(timer, "_state", typeof(object));
        DueTime = lookup.Field(timer, "_dueTime", typeof(uint));
        Period = lookup.Field(timer, "_period", typeof(uint));
        Canceled = lookup.Field(timer, "_canceled", typeof(bool));
        CapturedContext = lookup.Field(timer, "_executionContext", typeof(ExecutionContext));
        _startTicks = lookup.Field(timer, "_startTicks", typeof(long));
        (_sharedLock, _lock) = ResolveLock(queue, timer, lookup);
        _clock = ResolveClock(queue, lookup);
        if (lookup.UnavailableReason is null && _clock is not null)
        {
            CheckClock(lookup);
        }

        Members = lookup.Resolved;
        UnavailableReason = lookup.UnavailableReason;
    }

    public static TimerQueues Instance { get; } = new(typeof(Timer).Assembly);

    public string? UnavailableReason { get; }

    public IReadOnlyList<string> Members { get; }

    public FieldInfo? Callback { get; }

    public FieldInfo? State { get; }

    public FieldInfo? DueTime { get; }

    public FieldInfo? Period { get; }

    public FieldInfo? Canceled { get; }

    public FieldInfo? CapturedContext { get; }

    /// <summary>Gets a value indicating whether <paramref name="value"/> is a runtime <c>TimerQueueTimer</c>.</summary>
    public bool IsQueueTimer(object? value) => value is not null && _next is not null && value.GetType() == _next.DeclaringType;

    /// <summary>Gets the type of a runtime <c>TimerQueueTimer</c>, or null when the mechanism is unavailable.</summary>
    public Type? QueueTimerType => UnavailableReason is null ? _next?.DeclaringType : null;

    /// <summary>The queue's clock now, in milliseconds (the clock <c>_startTicks</c> is on).</summary>
    public long Now() => _clock!();

    /// <summary>
    /// Reads an armed timer's schedule, or null when it is not armed (cancelled, or infinite due time: fired or
    /// disarmed). Call it under the queue's lock (inside <see cref="ForEachArmedTimer"/>) to read consistent values.
    /// </summary>
    public TimerSchedule? ReadSchedule(object timer)
    {
        var due = (uint)DueTime!.GetValue(timer)!;
        return due == uint.MaxValue || (bool)Canceled!.GetValue(timer)!
            ? null
            : new TimerSchedule(due, (uint)Period!.GetValue(timer)!, (long)_startTicks!.GetValue(timer)!);
    }

    /// <summary>Calls <paramref name="visit"/> for every armed timer, holding each queue's lock only while walking its lists.</summary>
    /// <remarks>The walk under the lock only reads fields, so it cannot deadlock with a timer callback (callbacks run outside the lock).</remarks>
    public void ForEachArmedTimer(Action<object> visit)
    {
        if (UnavailableReason is not null || _instances!.GetValue(null) is not Array queues)
        {
            return;
        }

        foreach (var queue in queues)
        {
            if (queue is null || (_sharedLock is null ? queue : _sharedLock.GetValue(queue)) is not { } guard)
            {
                continue;
            }

            _lock.Run(guard, () =>
            {
                Walk(_shortTimers!.GetValue(queue), visit);
                Walk(_longTimers!.GetValue(queue), visit);
            });
        }
    }

    private void Walk(object? timer, Action<object> visit)
    {
        for (; timer is not null; timer = _next!.GetValue(timer))
        {
            visit(timer);
        }
    }

    /// <summary>Which lock <c>TimerQueueTimer.Change</c> takes: the queue's <c>SharedLock</c>, or a monitor on the queue.</summary>
    private static (PropertyInfo? SharedLock, RuntimeLock Lock) ResolveLock(Type queue, Type timer, MemberLookup lookup)
    {
        var change = ILReferences.Of(timer, "Change");
        var sharedLock = lookup.Property(queue, "SharedLock", typeof(object), required: false);
        if (sharedLock?.GetMethod is { } getter && ILReferences.Refers(change, getter))
        {
            if (RuntimeLock.For(sharedLock.PropertyType) is not { } protocol)
            {
                lookup.Missing("System.Threading.Lock.Enter()/Exit() (not found)");
                return (null, default);
            }

            lookup.Note("lock: TimerQueue.SharedLock (" + (protocol.IsLockType ? "System.Threading.Lock" : "Monitor") + ", taken by TimerQueueTimer.Change)");
            return (sharedLock, protocol);
        }

        if (ILReferences.EntersMonitor(change) && timer.GetField("_associatedTimerQueue", BindingFlags.NonPublic | BindingFlags.Instance) is { } associated
            && ILReferences.Refers(change, associated))
        {
            lookup.Note("lock: Monitor on the TimerQueue itself (taken by TimerQueueTimer.Change)");
            return (null, default);
        }

        lookup.Missing("TimerQueueTimer.Change (takes no lock LeakCheck knows)");
        return (null, default);
    }

    private static Func<long>? ResolveClock(Type queue, MemberLookup lookup)
    {
        if (lookup.Property(queue, "TickCount64", typeof(long), required: false) is { GetMethod.IsStatic: true } tickCount)
        {
            var get = tickCount.GetMethod!.CreateDelegate<Func<long>>();
            lookup.Note("clock: TimerQueue.TickCount64");
            return get;
        }

        lookup.Note("clock: Environment.TickCount64 (the runtime has no TimerQueue.TickCount64)");
        return static () => Environment.TickCount64;
    }

    /// <summary>Arms one timer (an hour out, disposed at once) and checks that its start time is on the chosen clock.</summary>
    private void CheckClock(MemberLookup lookup)
    {
        using var probe = new Timer(static _ => { }, null, 3_600_000, Timeout.Infinite);
        var queueTimer = TimerOf(probe);
        if (queueTimer is null)
        {
            lookup.Missing("Timer's TimerQueueTimer (not found)");
            return;
        }

        var started = (long)_startTicks!.GetValue(queueTimer)!;
        var drift = Math.Abs(Now() - started);
        if (drift > 60_000)
        {
            lookup.Missing($"TimerQueueTimer._startTicks (not on the chosen clock: {drift} ms apart)");
        }
    }

    /// <summary>The <c>TimerQueueTimer</c> behind a <see cref="Timer"/>: <c>Timer._timer</c> (a <c>TimerHolder</c>) <c>._timer</c>.</summary>
    private object? TimerOf(Timer timer)
    {
        const BindingFlags Instance = BindingFlags.NonPublic | BindingFlags.Instance;
        var holder = typeof(Timer).GetField("_timer", Instance)?.GetValue(timer);
        var inner = holder?.GetType().GetField("_timer", Instance)?.GetValue(holder);
        return IsQueueTimer(inner) ? inner : null;
    }
}
