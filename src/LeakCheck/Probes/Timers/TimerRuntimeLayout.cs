using System;
using System.Collections.Generic;
using System.Reflection;
using System.Threading;

namespace LeakCheck.Probes.Timers;

/// <summary>
/// The runtime internals the timer probe reads, resolved once and checked (see ../shared/runtime-facts.md):
/// <c>TimerQueue.Instances</c> (one queue per processor) with <c>_shortTimers</c>/<c>_longTimers</c>, linked
/// <c>TimerQueueTimer</c>s (<c>_next</c>) guarded by the queue's <c>SharedLock</c>, and each timer's
/// <c>_timerCallback</c>, <c>_state</c>, <c>_dueTime</c>, <c>_period</c>, <c>_canceled</c>, <c>_executionContext</c>
/// (the context captured when the timer was created; null for timers that do not flow it) and <c>_startTicks</c>
/// (when it was armed or last fired, on the queue's clock <c>TimerQueue.TickCount64</c>).
/// </summary>
internal sealed class TimerRuntimeLayout
{
    private const BindingFlags Any = BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Static | BindingFlags.Instance;

    private readonly PropertyInfo? _instances;
    private readonly PropertyInfo? _sharedLock;
    private readonly FieldInfo? _shortTimers;
    private readonly FieldInfo? _longTimers;
    private readonly FieldInfo? _next;
    private readonly PropertyInfo? _tickCount;
    private readonly FieldInfo? _startTicks;

    internal TimerRuntimeLayout(Assembly coreLib)
    {
        var missing = new List<string>();
        var queue = coreLib.GetType("System.Threading.TimerQueue");
        var timer = coreLib.GetType("System.Threading.TimerQueueTimer");
        if (queue is null || timer is null)
        {
            UnavailableReason = "missing runtime types: System.Threading.TimerQueue or System.Threading.TimerQueueTimer";
            return;
        }

        _instances = Property(queue, "Instances", missing);
        _sharedLock = Property(queue, "SharedLock", missing);
        _shortTimers = Field(queue, "_shortTimers", timer, missing);
        _longTimers = Field(queue, "_longTimers", timer, missing);
        _next = Field(timer, "_next", timer, missing);
        Callback = Field(timer, "_timerCallback", typeof(TimerCallback), missing);
        State = Field(timer, "_state", typeof(object), missing);
        DueTime = Field(timer, "_dueTime", typeof(uint), missing);
        Period = Field(timer, "_period", typeof(uint), missing);
        Canceled = Field(timer, "_canceled", typeof(bool), missing);
        CapturedContext = Field(timer, "_executionContext", typeof(ExecutionContext), missing);
        _startTicks = Field(timer, "_startTicks", typeof(long), missing);
        _tickCount = Property(queue, "TickCount64", missing);
        if (_tickCount is not null && _tickCount.PropertyType != typeof(long))
        {
            missing.Add($"TimerQueue.TickCount64 (type {_tickCount.PropertyType.Name})");
            _tickCount = null;
        }
        UnavailableReason = missing.Count == 0 ? null : "missing runtime members: " + string.Join(", ", missing);
    }

    public static TimerRuntimeLayout Instance { get; } = new(typeof(Timer).Assembly);

    public string? UnavailableReason { get; }

    public FieldInfo? Callback { get; }

    public FieldInfo? State { get; }

    public FieldInfo? DueTime { get; }

    public FieldInfo? Period { get; }

    public FieldInfo? Canceled { get; }

    public FieldInfo? CapturedContext { get; }

    /// <summary>The queue's clock now, in milliseconds (the clock <c>_startTicks</c> is on).</summary>
    public long Now() => (long)_tickCount!.GetValue(null)!;

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
    public void ForEachArmedTimer(Action<object> visit)
    {
        if (_instances?.GetValue(null) is not Array queues)
        {
            return;
        }

        foreach (var queue in queues)
        {
            var guard = _sharedLock!.GetValue(queue);
            if (guard is null)
            {
                continue;
            }

            using (QueueLock.Enter(guard))
            {
                Walk(_shortTimers!.GetValue(queue), visit);
                Walk(_longTimers!.GetValue(queue), visit);
            }
        }
    }

    private void Walk(object? timer, Action<object> visit)
    {
        for (; timer is not null; timer = _next!.GetValue(timer))
        {
            visit(timer);
        }
    }

    private static PropertyInfo? Property(Type owner, string name, List<string> missing)
    {
        var property = owner.GetProperty(name, Any);
        if (property is null)
        {
            missing.Add($"{owner.Name}.{name} (not found)");
        }

        return property;
    }

    private static FieldInfo? Field(Type owner, string name, Type expected, List<string> missing)
    {
        var field = owner.GetField(name, Any);
        if (field is null || !expected.IsAssignableFrom(field.FieldType))
        {
            missing.Add($"{owner.Name}.{name} ({(field is null ? "not found" : "type " + field.FieldType.Name)})");
            return null;
        }

        return field;
    }
}
