using System.Diagnostics.Tracing;

namespace LeakCheck.Runtime;

/// <summary>
/// The runtime events the probes listen to: source names, event ids, keywords and payload shapes. The ids are
/// checked against the event names the runtime reports (<see cref="EventWrittenEventArgs.EventName"/>) the first
/// time each event arrives, so a renumbered event makes its probe unavailable instead of misread.
/// </summary>
internal static class RuntimeEvents
{
    /// <summary><c>System.Threading.Tasks.TplEventSource</c>: task causality.</summary>
    public const string TplEventSource = "System.Threading.Tasks.TplEventSource";

    /// <summary><c>TraceOperationBegin(int TaskID, string OperationName, long RelatedContext)</c>, raised on the creating thread.</summary>
    public const int TraceOperationBegin = 14;

    /// <summary><c>TraceOperationEnd(int TaskID, int Status)</c>, raised when the task completes in any state.</summary>
    public const int TraceOperationEnd = 15;

    /// <summary>The <c>AsyncCausalityOperation</c> keyword.</summary>
    public const EventKeywords AsyncCausalityOperation = (EventKeywords)0x8;

    /// <summary>
    /// <c>TraceSynchronousWorkBegin(int TaskID, int Work)</c>, raised on the thread that is about to run a task's delegate or
    /// an async method's next step (before it switches into the task's execution context).
    /// </summary>
    public const int TraceSynchronousWorkBegin = 17;

    /// <summary>The <c>AsyncCausalitySynchronousWork</c> keyword.</summary>
    public const EventKeywords AsyncCausalitySynchronousWork = (EventKeywords)0x20;

    /// <summary>The operation name of an async method starts with this (<c>Async: &lt;PumpAsync&gt;d__3</c>); the rest is the state machine type's name.</summary>
    public const string AsyncOperationPrefix = "Async: ";

    /// <summary>The operation name <c>TraceOperationBegin</c> gives a <c>Task.Delay</c>.</summary>
    public const string DelayOperation = "Task.Delay";

    /// <summary><c>System.Diagnostics.Eventing.FrameworkEventSource</c>.</summary>
    public const string FrameworkEventSource = "System.Diagnostics.Eventing.FrameworkEventSource";

    /// <summary><c>ThreadTransferSend(long id, int kind, ...)</c>: with <see cref="TimerTransferKind"/> raised by <c>TimerQueueTimer.Change</c> on the arming thread, id = the timer's identity hash.</summary>
    public const int ThreadTransferSend = 150;

    /// <summary>The <c>kind</c> of a <see cref="ThreadTransferSend"/> raised for a timer.</summary>
    public const int TimerTransferKind = 1;

    /// <summary>The <c>ThreadTransfer</c> keyword.</summary>
    public const EventKeywords ThreadTransfer = (EventKeywords)0x10;

    /// <summary>The name each event id must carry.</summary>
    public static string ExpectedName(int eventId) => eventId switch
    {
        TraceOperationBegin => "TraceOperationBegin",
        TraceOperationEnd => "TraceOperationEnd",
        TraceSynchronousWorkBegin => "TraceSynchronousWorkBegin",
        ThreadTransferSend => "ThreadTransferSend",
        _ => string.Empty,
    };
}
