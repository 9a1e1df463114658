using System;
using System.Diagnostics.Tracing;
using LeakCheck.Runtime;

namespace LeakCheck.Probes.Threads;

/// <summary>
/// Learns which threads run tasks: the runtime raises <c>TraceSynchronousWorkBegin</c> on a thread about to run a task's
/// delegate or an async method's next step, before it switches into that work's execution context. A thread started with
/// <c>new Thread(...).Start()</c> switches into its creator's context before it runs anything else, so a thread that ran
/// a task first (a long-running task's dedicated thread, a pool worker) is not one that is still starting. Only the first
/// event of each thread does any work.
/// </summary>
internal sealed class TaskRunListener : ProbeEventListener
{
    [ThreadStatic]
    private static bool t_seen;

    private static readonly object s_startLock = new();
    private static TaskRunListener? s_instance;
    private static volatile bool s_failed;

    private TaskRunListener()
    {
    }

    protected override string SourceName => RuntimeEvents.TplEventSource;

    protected override EventKeywords Keywords => RuntimeEvents.AsyncCausalitySynchronousWork;

    /// <summary>Starts the one listener of the process (once): each thread's first task marks it in <see cref="StartingThreads"/>.</summary>
    public static void Start()
    {
        lock (s_startLock)
        {
            if (s_instance is null)
            {
                s_instance = new TaskRunListener();
                s_instance.EnableExistingSources();
            }
        }
    }

    protected override void OnEventWritten(EventWrittenEventArgs eventData)
    {
        if (t_seen || s_failed || eventData.EventId != RuntimeEvents.TraceSynchronousWorkBegin)
        {
            return;
        }

        t_seen = true;
        try
        {
            if (!HasExpectedName(eventData))
            {
                s_failed = true;
                RuntimeNotices.Add($"event {eventData.EventId} of {RuntimeEvents.TplEventSource} is \"{eventData.EventName}\", not \"{RuntimeEvents.ExpectedName(eventData.EventId)}\"; checks may wait for new task threads to start");
                return;
            }

            StartingThreads.MarkCurrentThread();
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            // Raised on whichever thread runs a task: a bug here must never surface in user code.
            s_failed = true;
            RuntimeNotices.Add("the task-run listener failed (" + ex.GetType().Name + "); checks may wait for new task threads to start");
        }
    }
}
