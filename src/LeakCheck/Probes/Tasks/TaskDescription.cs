using System;

namespace LeakCheck.Probes.Tasks;

/// <summary>How a pending task reads in a report: its kind, the method as the user wrote it, and where it waits.</summary>
/// <param name="Kind">The leak kind the task is reported as.</param>
/// <param name="Method">The user-readable method (or <c>Task.Delay</c> for a delay).</param>
/// <param name="Waiting">Where it waits, for example <c>waiting at await #1: Task.Delay</c>.</param>
/// <param name="StateMachine">The compiler state machine type of an async method, or null.</param>
/// <param name="IsProxy">The task stands for other work (Unwrap, WhenAll).</param>
/// <param name="AwaitedTaskId">The id of the task an async method awaits, or null.</param>
/// <param name="IsLeakCheckWork">The task is LeakCheck's or the test framework's own, or awaits such work (the method that is ending the scope).</param>
internal sealed record TaskDescription(LeakKind Kind, string Method, string? Waiting, Type? StateMachine, bool IsProxy, int? AwaitedTaskId, bool IsLeakCheckWork)
{
    /// <summary>Gets or sets a value indicating whether the code is the runtime's or a library's (for example the iterator behind ReadAllAsync).</summary>
    public bool IsLibraryWork { get; init; }

    /// <summary>Gets or sets the soonest the task can complete by itself (a pending <c>Task.Delay</c>'s due time); zero when unknown.</summary>
    public TimeSpan EarliestCompletion { get; init; }

    /// <summary>Gets or sets a value indicating whether the task is a <c>Task.Delay</c> (it holds only its continuations).</summary>
    public bool IsDelay { get; init; }

    public bool IsAsyncMethod => StateMachine is not null;

    public bool IsRunning => Waiting?.StartsWith("running", StringComparison.Ordinal) == true;
}
