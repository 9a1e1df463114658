using System;
using System.Collections.Generic;
using LeakCheck.Probes.Tasks;
using LeakCheck.Probes.Timers;
using LeakCheck.Probes.TrackedObjects;

namespace LeakCheck.Probes;

/// <summary>
/// The probes the engine asks, in report order. Each probe has a fixed index, its slot in every scope.
/// </summary>
internal static class ProbeRegistry
{
    public const int TrackedObjectsIndex = 0;
    public const int TasksIndex = 1;
    public const int TimersIndex = 2;
    public const int ThreadsIndex = 3;
    public const int RegisteredWaitsIndex = 4;
    public const int WorkItemsIndex = 5;
    public const int CancellationRegistrationsIndex = 6;
    public const int ChildProcessesIndex = 7;

    private static readonly ILeakProbe[] s_probes =
    [
        new TrackedObjectProbe(TrackedObjectsIndex),
        new TaskProbe(TasksIndex),
        new TimerProbe(TimersIndex),
        new Threads.ThreadProbe(ThreadsIndex),
        new Waits.RegisteredWaitProbe(RegisteredWaitsIndex),
        new WorkItems.WorkItemProbe(WorkItemsIndex),
        new Cancellation.CancellationRegistrationProbe(CancellationRegistrationsIndex),
        new Processes.ChildProcessProbe(ChildProcessesIndex),
    ];

    private static readonly HashSet<string> s_announced = new(StringComparer.Ordinal);

    public static IReadOnlyList<ILeakProbe> All => s_probes;

    public static Cancellation.CancellationRegistrationProbe CancellationRegistrations => (Cancellation.CancellationRegistrationProbe)s_probes[CancellationRegistrationsIndex];

    public static TrackedObjectProbe TrackedObjects => (TrackedObjectProbe)s_probes[TrackedObjectsIndex];

    /// <summary>Gets the task probe (other probes ask it which owned task is creating their item).</summary>
    public static TaskProbe Tasks => (TaskProbe)s_probes[TasksIndex];

    /// <summary>
    /// Returns a notice for each unavailable probe that has not been announced in this process yet, so that
    /// the test output says it once per run.
    /// </summary>
    public static List<string> TakeUnannouncedNotices()
    {
        var notices = new List<string>();
        foreach (var probe in s_probes)
        {
            var reason = probe.UnavailableReason;
            if (reason is null)
            {
                continue;
            }

            lock (s_announced)
            {
                if (s_announced.Add(probe.Name))
                {
                    notices.Add($"LeakCheck probe \"{probe.Name}\" is unavailable on this runtime ({reason}); its leaks are not checked in this run.");
                }
            }
        }

        return notices;
    }

    /// <summary>
    /// Begins <paramref name="scope"/> in every available probe and remembers which ones began, so that
    /// <see cref="EndAll"/> ends exactly those, even when a probe became unavailable in between (a probe that holds
    /// a runtime switch on for the scope must always get to release it).
    /// </summary>
    public static void BeginAll(Scopes.ScopeState scope, List<string> notices)
    {
        for (var i = 0; i < s_probes.Length; i++)
        {
            var probe = s_probes[i];
            if (probe.UnavailableReason is not null)
            {
                continue;
            }

            try
            {
                probe.OnScopeBegin(scope);
                scope.MarkBegun(i);
            }
            catch (Exception ex) when (ex is not OutOfMemoryException)
            {
                notices.Add($"LeakCheck probe \"{probe.Name}\" failed ({ex.GetType().Name}: {ex.Message}); its leaks were not checked for this test.");
            }
        }
    }

    /// <summary>Ends <paramref name="scope"/> in every probe it began in; a probe that throws is skipped.</summary>
    public static void EndAll(Scopes.ScopeState scope)
    {
        for (var i = 0; i < s_probes.Length; i++)
        {
            if (!scope.HasBegun(i))
            {
                continue;
            }

            try
            {
                s_probes[i].OnScopeEnd(scope);
            }
            catch (Exception ex) when (ex is not OutOfMemoryException)
            {
                // Ending runs after the verdict, on the test's thread: a probe bug must not fail the test here.
            }
        }
    }

    /// <summary>
    /// Calls <paramref name="action"/> for each available probe. A probe that throws never breaks the user's
    /// test: its failure becomes a notice in the report instead.
    /// </summary>
    public static void ForEachAvailable(Action<ILeakProbe> action, List<string> notices)
    {
        foreach (var probe in s_probes)
        {
            if (probe.UnavailableReason is not null)
            {
                continue;
            }

            try
            {
                action(probe);
            }
            catch (Exception ex) when (ex is not OutOfMemoryException)
            {
                notices.Add($"LeakCheck probe \"{probe.Name}\" failed ({ex.GetType().Name}: {ex.Message}); its leaks were not checked for this test.");
            }
        }
    }
}
