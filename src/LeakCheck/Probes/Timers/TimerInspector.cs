using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using LeakCheck.Reporting;
using LeakCheck.Runtime;
using LeakCheck.Stacks;

namespace LeakCheck.Probes.Timers;

/// <summary>
/// Reads an armed <c>TimerQueueTimer</c> into report text: which kind of timer it is, its callback as the user
/// wrote it, its schedule and the type of its state. It reads types and member names only, never values.
/// </summary>
internal static class TimerInspector
{
    /// <summary>Describes the timer, or returns null for a <c>Task.Delay</c> timer (the task probe reports those).</summary>
    public static (string Kind, string[] Details, string? Identity)? Describe(object timer, TimerSchedule armed, TimerQueues queues)
    {
        var callback = queues.Callback!.GetValue(timer) as System.Delegate;
        var schedule = Schedule(armed);
        switch (TimerKinds.KindOf(callback))
        {
            case TimerKind.Delay:
                return null;
            case TimerKind.CancelAfter:
                return ("CancellationTokenSource.CancelAfter", [schedule], null);
            case TimerKind.Periodic:
                return ("PeriodicTimer", [schedule], null);
            case TimerKind.TimersTimer:
                var handlers = TimerKinds.Instance.ElapsedHandlers(callback!);
                var elapsed = handlers is null
                    ? "(not readable on this runtime: " + TimerKinds.Instance.UnavailableReason + ")"
                    : handlers.Length == 0 ? "(none)" : string.Join(", ", handlers.Select(h => UserFrames.Describe(h.Method)));
                return ("System.Timers.Timer", [schedule, "Elapsed: " + elapsed], elapsed);
        }

        if (callback is null)
        {
            return ("System.Threading.Timer", [schedule], null);
        }

        // TimeProvider.System timers are TimerQueueTimers with the user's callback: they read as Threading timers,
        // and their creation stack shows the TimeProvider call.
        var method = UserFrames.Describe(callback.Method);
        var details = new List<string> { schedule, "callback: " + method };
        if (queues.State!.GetValue(timer) is { } state)
        {
            details.Add("state: " + TypeNames.Of(state.GetType()));
        }

        return ("System.Threading.Timer", details.ToArray(), method);
    }

    /// <summary>The schedule of an armed timer as report text (see <see cref="Schedule(uint, uint)"/>).</summary>
    public static string Schedule(TimerSchedule armed) => Schedule(armed.DueMilliseconds, armed.PeriodMilliseconds);

    /// <summary>
    /// <c>due 00:00:05 after it was armed, fires once</c>, or for a periodic timer
    /// <c>due 00:00:05 after it was armed or last fired, period 00:00:01</c>: once a periodic timer has fired, the
    /// runtime re-arms it from the time it fired, with the period minus its lateness.
    /// </summary>
    public static string Schedule(uint dueMilliseconds, uint periodMilliseconds)
        => periodMilliseconds == uint.MaxValue || periodMilliseconds == 0
            ? "due " + Span(dueMilliseconds) + " after it was armed, fires once"
            : "due " + Span(dueMilliseconds) + " after it was armed or last fired, period " + Span(periodMilliseconds);

    /// <summary><c>00:00:05</c>, <c>00:00:01.500</c>, and with days <c>24.00:00:00</c> (a runtime timer is due within 49.7 days).</summary>
    internal static string Span(uint milliseconds)
    {
        var span = System.TimeSpan.FromMilliseconds(milliseconds);
        var format = (span.Days > 0 ? @"d\.hh\:mm\:ss" : @"hh\:mm\:ss") + (milliseconds % 1000 == 0 ? string.Empty : @"\.fff");
        return span.ToString(format, CultureInfo.InvariantCulture);
    }
}
