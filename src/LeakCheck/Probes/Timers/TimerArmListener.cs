using System;
using System.Diagnostics.Tracing;
using LeakCheck.Runtime;

namespace LeakCheck.Probes.Timers;

/// <summary>
/// Listens to <c>FrameworkEventSource</c>'s thread-transfer events. <c>ThreadTransferSend</c> (id 150) with
/// kind 1 is raised by <c>TimerQueueTimer.Change</c> on the thread that arms a timer (constructor with a
/// finite due time, <c>Change</c>, <c>CancelAfter</c>, <c>Task.Delay</c>, <c>PeriodicTimer</c>), with the
/// timer's identity hash code as id. That thread's ambient scope owns the timer, whether or not the timer
/// captures the execution context.
/// </summary>
internal sealed class TimerArmListener : ProbeEventListener
{
    private static TimerProbe? s_probe;

    private TimerArmListener()
    {
    }

    protected override string SourceName => RuntimeEvents.FrameworkEventSource;

    protected override EventKeywords Keywords => RuntimeEvents.ThreadTransfer;

    public static TimerArmListener Start(TimerProbe probe)
    {
        s_probe = probe;
        var listener = new TimerArmListener();
        listener.EnableExistingSources();

        return listener;
    }

    protected override void OnEventWritten(EventWrittenEventArgs eventData)
    {
        var probe = s_probe;
        if (probe is null || eventData.EventId != RuntimeEvents.ThreadTransferSend)
        {
            return;
        }

        try
        {
            if (!HasExpectedName(eventData))
            {
                probe.Fail($"event {eventData.EventId} of {RuntimeEvents.FrameworkEventSource} is \"{eventData.EventName}\", not \"{RuntimeEvents.ExpectedName(eventData.EventId)}\"");
            }
            else if (eventData.Payload is { Count: >= 2 } payload && payload[1] is int kind && kind == RuntimeEvents.TimerTransferKind && payload[0] is long id)
            {
                probe.OnTimerArmed(unchecked((int)id));
            }
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            probe.Fail(ex);
        }
    }
}
