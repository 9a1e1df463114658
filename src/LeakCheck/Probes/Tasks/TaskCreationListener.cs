using System;
using System.Collections.ObjectModel;
using System.Diagnostics.Tracing;
using LeakCheck.Runtime;

namespace LeakCheck.Probes.Tasks;

/// <summary>
/// Listens to the runtime's task causality events. <c>TraceOperationBegin</c> (id 14) is raised on the
/// creating thread when an async method first suspends and for <c>Task.Run</c>, <c>StartNew</c>,
/// <c>Task.Delay</c>, <c>ContinueWith</c> and promise tasks, so the creator's scope is the ambient scope
/// right there. <c>TraceOperationEnd</c> (id 15) is raised when the task completes, in any state.
/// </summary>
internal sealed class TaskCreationListener : ProbeEventListener
{
    private static TaskProbe? s_probe;

    private TaskCreationListener()
    {
    }

    protected override string SourceName => RuntimeEvents.TplEventSource;

    protected override EventKeywords Keywords => RuntimeEvents.AsyncCausalityOperation;

    public static TaskCreationListener Start(TaskProbe probe)
    {
        s_probe = probe;
        var listener = new TaskCreationListener();
        listener.EnableExistingSources();

        return listener;
    }

    protected override void OnEventWritten(EventWrittenEventArgs eventData)
    {
        var probe = s_probe;
        if (probe is null)
        {
            return;
        }

        try
        {
            if (!HasExpectedName(eventData))
            {
                probe.Fail($"event {eventData.EventId} of {RuntimeEvents.TplEventSource} is \"{eventData.EventName}\", not \"{RuntimeEvents.ExpectedName(eventData.EventId)}\"");
                return;
            }

            switch (eventData.EventId)
            {
                case RuntimeEvents.TraceOperationBegin when eventData.Payload is { Count: >= 2 } begin && begin[0] is int createdId:
                    probe.OnTaskCreated(createdId, begin[1] as string ?? string.Empty);
                    break;
                case RuntimeEvents.TraceOperationEnd when eventData.Payload is { Count: >= 1 } end && end[0] is int completedId:
                    probe.OnTaskCompleted(completedId);
                    break;
            }
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            // Raised on the user's thread: a probe bug must never surface in user code.
            probe.Fail(ex);
        }
    }
}
