using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Reflection;
using System.Threading;
using System.Threading.Tasks;

namespace LeakCheck.Runtime;

/// <summary>The runtime task types a report tells apart.</summary>
internal enum TaskShape
{
    /// <summary>A plain <c>Task</c>/<c>Task&lt;T&gt;</c>: a delegate task (<c>Task.Run</c>) or, with no delegate, a <c>TaskCompletionSource</c>'s.</summary>
    Plain,

    /// <summary><c>Task.Delay</c>'s <c>DelayPromise</c> (or <c>DelayPromiseWithCancellation</c>).</summary>
    Delay,

    /// <summary>A <c>ContinueWith</c> continuation task (<c>ContinuationTaskFromTask</c> and its siblings).</summary>
    Continuation,

    /// <summary><c>SemaphoreSlim.WaitAsync</c>'s <c>TaskNode</c>.</summary>
    SemaphoreWait,

    /// <summary>A runtime promise that stands for other work: <c>WhenAll</c>, <c>WhenAny</c>, <c>Unwrap</c>, <c>FromAsync</c>.</summary>
    Proxy,

    /// <summary>
    /// A method compiled as runtime async (.NET 11, opt-in; parts of the runtime's own libraries): its task is an
    /// <c>AsyncHelpers</c> task with no compiler state machine, so the method and its await cannot be read.
    /// </summary>
    RuntimeAsync,

    /// <summary>Any other task type (a library's own subclass of <c>Task</c>).</summary>
    Other,
}

/// <summary>
/// Names runtime task types by what they are: <c>Task.Delay</c>'s promise is a nested <c>DelayPromise*</c> type of
/// <see cref="Task"/> whose timer field is typed <c>TimerQueueTimer</c> (.NET 8) or <c>ITimer</c> (later, because a
/// <c>TimeProvider</c> may supply its own timer); continuations are <c>Continuation*</c> types in CoreLib;
/// <c>SemaphoreSlim.WaitAsync</c> returns a nested <c>TaskNode</c>; other CoreLib promises have "Promise" in their names.
/// </summary>
internal sealed class TaskShapes
{
    private readonly Type? _delayPromise;
    private readonly FieldInfo? _delayTimer;
    private readonly ConcurrentDictionary<Type, TaskShape> _shapes = new();

    private TaskShapes(TimerQueues timers)
    {
        var lookup = new MemberLookup();
        _delayPromise = lookup.Type(typeof(Task).Assembly, "System.Threading.Tasks.Task+DelayPromise");
        lookup.Type(typeof(Task).Assembly, "System.Threading.Tasks.ContinuationTaskFromTask");
        lookup.Type(typeof(SemaphoreSlim).Assembly, "System.Threading.SemaphoreSlim+TaskNode");
        if (_delayPromise is not null && timers.QueueTimerType is { } queueTimer)
        {
            foreach (var field in _delayPromise.GetFields(BindingFlags.Instance | BindingFlags.NonPublic | BindingFlags.DeclaredOnly))
            {
                if (field.FieldType != typeof(object) && field.FieldType.IsAssignableFrom(queueTimer))
                {
                    _delayTimer = lookup.Field(_delayPromise, field.Name, field.FieldType);
                    break;
                }
            }

            if (_delayTimer is null)
            {
                lookup.Missing("DelayPromise's timer field (not found)");
            }
        }

        Members = lookup.Resolved;
        UnavailableReason = timers.UnavailableReason is null ? lookup.UnavailableReason : "timer queues unavailable: " + timers.UnavailableReason;
    }

    public static TaskShapes Instance { get; } = new(TimerQueues.Instance);

    /// <summary>Gets why delays cannot be told apart or their due times read; the task probe still reports the tasks.</summary>
    public string? UnavailableReason { get; }

    public IReadOnlyList<string> Members { get; }

    public TaskShape ShapeOf(Task task) => _shapes.GetOrAdd(task.GetType(), Classify);

    /// <summary>The runtime timer behind a pending <c>Task.Delay</c>, or null (another TimeProvider's timer, or not readable).</summary>
    public object? DelayTimerOf(Task delay)
    {
        var timer = _delayTimer?.GetValue(delay);
        return TimerQueues.Instance.IsQueueTimer(timer) ? timer : null;
    }

    private TaskShape Classify(Type type)
    {
        if (type == typeof(Task) || (type.IsGenericType && type.GetGenericTypeDefinition() == typeof(Task<>)))
        {
            return TaskShape.Plain;
        }

        if (type.Assembly != typeof(Task).Assembly)
        {
            return TaskShape.Other;
        }

        if (_delayPromise is not null && _delayPromise.IsAssignableFrom(type))
        {
            return TaskShape.Delay;
        }

        if (type.DeclaringType?.FullName == "System.Runtime.CompilerServices.AsyncHelpers")
        {
            return TaskShape.RuntimeAsync;
        }

        if (type.DeclaringType == typeof(SemaphoreSlim))
        {
            return TaskShape.SemaphoreWait;
        }

        var name = type.Name;
        return name.StartsWith("Continuation", StringComparison.Ordinal) ? TaskShape.Continuation
            : name.Contains("Promise", StringComparison.Ordinal) ? TaskShape.Proxy
            : TaskShape.Other;
    }
}
