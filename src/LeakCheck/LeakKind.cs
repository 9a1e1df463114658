namespace LeakCheck;

/// <summary>
/// The kind of a leaked item. Reports list items grouped in this order.
/// </summary>
public enum LeakKind
{
    /// <summary>An object registered with <see cref="LeakTracker.Track(object, string?)"/> that is still reachable.</summary>
    TrackedObject = 0,

    /// <summary>A delegate task (<c>Task.Run</c>, <c>StartNew</c>, <c>ContinueWith</c>) that has not completed.</summary>
    Task = 1,

    /// <summary>An async method that is still suspended.</summary>
    AsyncMethod = 2,

    /// <summary>An async method that was garbage-collected while suspended: it never completes and its <c>finally</c> never runs.</summary>
    AbandonedAsyncMethod = 3,

    /// <summary>A reader blocked on a <c>System.Threading.Channels</c> channel.</summary>
    ChannelReader = 4,

    /// <summary>A writer blocked on a full bounded channel.</summary>
    ChannelWriter = 5,

    /// <summary>A timer that is still armed.</summary>
    Timer = 6,

    /// <summary>A thread that is still running.</summary>
    Thread = 7,

    /// <summary>A wait registered with <c>ThreadPool.RegisterWaitForSingleObject</c> that is still registered (never unregistered, never signalled).</summary>
    RegisteredWait = 8,

    /// <summary>Work the test queued to the thread pool (<c>ThreadPool.QueueUserWorkItem</c>) that is still running.</summary>
    WorkItem = 9,

    /// <summary>
    /// A callback the test registered on a cancellation token that outlives it (a static source) and never unregistered,
    /// or a linked source (<c>CreateLinkedTokenSource</c>) on such a token never disposed.
    /// </summary>
    CancellationRegistration = 10,

    /// <summary>A child process the test started (<c>Process.Start</c>) that is still running.</summary>
    ChildProcess = 11,
}
