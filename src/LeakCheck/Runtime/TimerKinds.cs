using System;
using System.Collections.Generic;
using System.Reflection;
using System.Threading;
using System.Threading.Tasks;

namespace LeakCheck.Runtime;

/// <summary>What armed a runtime timer, read from its callback's declaring type.</summary>
internal enum TimerKind
{
    /// <summary>A <c>System.Threading.Timer</c> or a <c>TimeProvider.System</c> timer with the user's callback.</summary>
    Threading,

    /// <summary>A <c>Task.Delay</c> (the task probe reports those).</summary>
    Delay,

    /// <summary><c>CancellationTokenSource.CancelAfter</c> or a source created with a delay.</summary>
    CancelAfter,

    /// <summary>A <c>PeriodicTimer</c>.</summary>
    Periodic,

    /// <summary>An enabled <c>System.Timers.Timer</c>.</summary>
    TimersTimer,
}

/// <summary>
/// Tells timers apart by the runtime type that owns their callback (a nested type of <see cref="Task"/>,
/// <see cref="CancellationTokenSource"/>, <see cref="PeriodicTimer"/> or <c>System.Timers.Timer</c>), and reads a
/// <c>System.Timers.Timer</c>'s <c>Elapsed</c> handlers from its private event field (<c>_onIntervalElapsed</c>).
/// </summary>
internal sealed class TimerKinds
{
    private const string TimersTimerName = "System.Timers.Timer";
    private readonly FieldInfo? _elapsed;

    private TimerKinds()
    {
        var lookup = new MemberLookup();
        var timersTimer = Type.GetType(TimersTimerName + ", System.ComponentModel.TypeConverter", throwOnError: false);
        if (timersTimer is null)
        {
            lookup.Missing(TimersTimerName + " (type not found)");
        }
        else
        {
            lookup.Note("type " + TimersTimerName);
            _elapsed = lookup.Field(timersTimer, "_onIntervalElapsed", typeof(Delegate));
        }

        Members = lookup.Resolved;
        UnavailableReason = lookup.UnavailableReason;
    }

    public static TimerKinds Instance { get; } = new();

    /// <summary>Gets why <c>System.Timers.Timer</c> handlers cannot be named, or null (the timer itself is still reported).</summary>
    public string? UnavailableReason { get; }

    public IReadOnlyList<string> Members { get; }

    public static TimerKind KindOf(Delegate? callback)
    {
        var owner = callback?.Method.DeclaringType;
        return owner is null ? TimerKind.Threading
            : IsNestedIn(owner, typeof(Task)) ? TimerKind.Delay
            : IsNestedIn(owner, typeof(CancellationTokenSource)) ? TimerKind.CancelAfter
            : IsNestedIn(owner, typeof(PeriodicTimer)) ? TimerKind.Periodic
            : owner.FullName == TimersTimerName && callback!.Target is not null ? TimerKind.TimersTimer
            : TimerKind.Threading;
    }

    /// <summary>The <c>Elapsed</c> handlers of the <c>System.Timers.Timer</c> a <see cref="TimerKind.TimersTimer"/> callback belongs to, or null when they cannot be read.</summary>
    public Delegate[]? ElapsedHandlers(Delegate callback)
        => _elapsed is null || callback.Target is not { } timersTimer ? null
            : _elapsed.GetValue(timersTimer) is Delegate handlers ? handlers.GetInvocationList() : [];

    private static bool IsNestedIn(Type type, Type outer)
    {
        for (Type? t = type; t is not null; t = t.DeclaringType)
        {
            if (t == outer)
            {
                return true;
            }
        }

        return false;
    }
}
