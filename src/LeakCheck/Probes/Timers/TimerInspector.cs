using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Reflection;
using System.Threading;
using LeakCheck.Reporting;

namespace LeakCheck.Probes.Timers;

/// <summary>
/// Reads an armed <c>TimerQueueTimer</c> into report text: which kind of timer it is, its callback as the user
/// wrote it, its schedule and the type of its state. It reads types and member names only, never values.
/// </summary>
internal static class TimerInspector
{
    private const BindingFlags Instance = BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic;

    /// <summary>Describes the timer, or returns null for a <c>Task.Delay</c> timer (the task probe reports those).</summary>
    public static (string Kind, string[] Details)? Describe(object timer, TimerSchedule armed, TimerRuntimeLayout layout)
    {
        var callback = layout.Callback!.GetValue(timer) as Delegate;
        var state = layout.State!.GetValue(timer);
        var owner = callback?.Method.DeclaringType;
        var schedule = armed.ToString();

        if (owner is null)
        {
            return ("System.Threading.Timer", [schedule]);
        }

        if (IsNestedIn(owner, typeof(System.Threading.Tasks.Task)))
        {
            return null;
        }

        if (IsNestedIn(owner, typeof(CancellationTokenSource)))
        {
            return ("CancellationTokenSource.CancelAfter", [schedule]);
        }

        if (IsNestedIn(owner, typeof(PeriodicTimer)))
        {
            return ("PeriodicTimer", [schedule]);
        }

        if (owner.FullName == "System.Timers.Timer" && callback!.Target is { } timersTimer)
        {
            return ("System.Timers.Timer", [schedule, "Elapsed: " + Handlers(timersTimer)]);
        }

        // TimeProvider.System timers are TimerQueueTimers with the user's callback: they read as Threading timers,
        // and their creation stack shows the TimeProvider call.
        var details = new List<string> { schedule, "callback: " + UserFrames.Describe(callback!.Method) };
        if (state is not null)
        {
            details.Add("state: " + TypeNames.Of(state.GetType()));
        }

        return ("System.Threading.Timer", details.ToArray());
    }

    /// <summary>
    /// <c>due 00:00:05 after it was armed, fires once</c>, or for a periodic timer
    /// <c>due 00:00:05 after it was armed or last fired, period 00:00:01</c>: once a periodic timer has fired, the
    /// runtime re-arms it from the time it fired, with the period minus its lateness.
    /// </summary>
    public static string Schedule(uint dueMilliseconds, uint periodMilliseconds)
        => periodMilliseconds == uint.MaxValue || periodMilliseconds == 0
            ? "due " + Span(dueMilliseconds) + " after it was armed, fires once"
            : "due " + Span(dueMilliseconds) + " after it was armed or last fired, period " + Span(periodMilliseconds);

    private static string Span(uint milliseconds)
        => TimeSpan.FromMilliseconds(milliseconds).ToString(milliseconds % 1000 == 0 ? @"hh\:mm\:ss" : @"hh\:mm\:ss\.fff", CultureInfo.InvariantCulture);

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

    /// <summary>The user's Elapsed handlers of a <c>System.Timers.Timer</c> (its private event field).</summary>
    private static string Handlers(object timersTimer)
    {
        var field = timersTimer.GetType().GetFields(Instance).FirstOrDefault(f => typeof(Delegate).IsAssignableFrom(f.FieldType) && f.Name.Contains("Elapsed", StringComparison.OrdinalIgnoreCase));
        return field?.GetValue(timersTimer) is Delegate handlers
            ? string.Join(", ", handlers.GetInvocationList().Select(h => UserFrames.Describe(h.Method)))
            : "(none)";
    }
}
