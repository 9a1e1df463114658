using System;
using System.Collections.Concurrent;
using System.Reflection;
using System.Runtime.CompilerServices;
using System.Threading.Tasks;
using LeakCheck.Reporting;
using LeakCheck.Runtime;
using LeakCheck.Stacks;

namespace LeakCheck.Probes.Tasks;

/// <summary>
/// Reads a live task into a <see cref="TaskDescription"/>: the user's method and where it waits. It reads
/// types, member names and task ids only; values held by a state machine are never read into a report. What the
/// runtime's objects look like is the runtime layer's business (<see cref="AsyncMethods"/>, <see cref="TaskShapes"/>,
/// <see cref="Channels"/>, <see cref="TimerQueues"/>); this class turns it into words.
/// </summary>
internal static class TaskInspector
{
    private const string RuntimeAsyncWaiting =
        "not completed (compiled as runtime async: no state machine, so which method it is and where it waits cannot be read; its creation stack shows where it started)";

    /// <summary>What a method suspended at an await that holds nothing pending is doing: it has been queued to go on.</summary>
    private const string NothingPending =
        "nothing it awaits is pending: it is queued to resume or running (a loop that yields or never sleeps, Task.Yield, an await that just completed)";

    private static readonly ConcurrentDictionary<Type, MethodNames> s_names = new();

    /// <summary>A delegate task's method as described, once per method (the test framework's worker tasks are inspected on every test).</summary>
    private static readonly ConcurrentDictionary<MethodInfo, (string Method, bool IsInfrastructure, bool IsLibrary)> s_delegates = new();

    public static TaskDescription Describe(Task task, TaskRegistry registry)
    {
        var stateMachine = AsyncMethods.Instance.StateMachineOf(task);
        if (stateMachine is not null)
        {
            return DescribeAsyncMethod(stateMachine);
        }

        var shape = TaskShapes.Instance.ShapeOf(task);
        if (shape == TaskShape.Delay)
        {
            var schedule = DelaySchedule(task);
            return new TaskDescription(LeakKind.Timer, "Task.Delay", schedule is { } armed ? Timers.TimerInspector.Schedule(armed) : "not completed: its timer is still armed", null, false, null, false)
            {
                EarliestCompletion = UntilDue(schedule),
                IsDelay = true,
            };
        }

        if (shape == TaskShape.RuntimeAsync)
        {
            // No run-wide notice: the item's own line says it is runtime async; a notice would land in whichever report
            // came next, often one without such an item (runtime-async library methods are everywhere on .NET 11).
            return new TaskDescription(LeakKind.AsyncMethod, "a runtime-async method", RuntimeAsyncWaiting, null, false, null, false);
        }

        if (registry.Action?.GetValue(task) is Delegate action)
        {
            var (method, isInfrastructure, isLibrary) = s_delegates.GetOrAdd(action.Method, static m =>
                (UserFrames.Describe(m), UserFrames.IsInfrastructureType(m.DeclaringType ?? typeof(object)), UserFrames.IsHidden(m)));
            var waiting = task.Status switch
            {
                TaskStatus.WaitingForActivation when shape == TaskShape.Continuation => "continuation waiting for a task that has not completed",
                TaskStatus.WaitingForActivation or TaskStatus.WaitingToRun or TaskStatus.Created => "queued, not started",
                _ => "running",
            };
            return new TaskDescription(LeakKind.Task, method, waiting, null, false, null, isInfrastructure)
            {
                IsLibraryWork = isLibrary,
            };
        }

        return new TaskDescription(LeakKind.Task, TypeNames.Of(task.GetType()), "not completed", null, shape == TaskShape.Proxy, null, false);
    }

    private static TaskDescription DescribeAsyncMethod(IAsyncStateMachine stateMachine)
    {
        var shape = AsyncMethods.Instance.ShapeOf(stateMachine.GetType());
        var names = s_names.GetOrAdd(shape.Type, static (_, s) => new MethodNames(s), shape);
        var state = shape.ReadState(stateMachine);
        if (state is null or < 0)
        {
            return new TaskDescription(LeakKind.AsyncMethod, names.Method, "running (not suspended at an await)", shape.Type, false, null, names.IsLeakCheck)
            {
                IsLibraryWork = names.IsLibrary,
            };
        }

        object? awaited = null;
        Type? customAwaiter = null;
        foreach (var awaiterField in shape.Awaiters)
        {
            var awaiter = awaiterField.GetValue(stateMachine);
            awaited = AsyncMethods.Instance.AwaitedObject(awaiter);
            if (awaited is not null)
            {
                break;
            }

            customAwaiter ??= awaiter is not null && !AsyncMethods.Instance.IsKnownAwaiter(awaiter) ? awaiter.GetType() : null;
        }

        var (kind, target) = awaited is null
            ? (LeakKind.AsyncMethod, customAwaiter is null ? NothingPending : "a custom awaiter (" + TypeNames.Of(customAwaiter) + ")")
            : DescribeAwaited(awaited, shape, names);
        var at = "waiting at await #" + (state.Value + 1) + (target is null ? string.Empty : ": " + target);
        var awaitsLeakCheck = awaited is Task awaitedTask && AsyncMethods.Instance.StateMachineOf(awaitedTask) is { } inner && UserFrames.IsInfrastructureType(inner.GetType());
        return new TaskDescription(kind, names.Method, at, shape.Type, false, (awaited as Task)?.Id, names.IsLeakCheck || awaitsLeakCheck)
        {
            IsLibraryWork = names.IsLibrary,
            EarliestCompletion = UntilDelayFires(awaited as Task),
        };
    }

    /// <summary>
    /// The schedule of a pending Task.Delay's timer, or null when it cannot be read or is not armed (the delay is
    /// firing or was cancelled: it completes any moment).
    /// </summary>
    private static TimerSchedule? DelaySchedule(Task delay)
    {
        // Read without the queue's lock: a one-shot delay's schedule is written once, before the task is returned.
        return delay.IsCompleted || TaskShapes.Instance.DelayTimerOf(delay) is not { } timer ? null : TimerQueues.Instance.ReadSchedule(timer);
    }

    /// <summary>How long until a pending delay fires by itself; zero when unknown (it may complete any time).</summary>
    private static TimeSpan UntilDue(TimerSchedule? schedule)
        => schedule is { } armed ? armed.UntilDue(TimerQueues.Instance.Now()) : TimeSpan.Zero;

    /// <summary>How long until the pending Task.Delay an async method awaits fires (zero when it awaits something else).</summary>
    private static TimeSpan UntilDelayFires(Task? awaited)
        => awaited is not null && TaskShapes.Instance.ShapeOf(awaited) == TaskShape.Delay ? UntilDue(DelaySchedule(awaited)) : TimeSpan.Zero;

    private static (LeakKind Kind, string? Target) DescribeAwaited(object? awaited, StateMachineShape shape, MethodNames names)
    {
        switch (awaited)
        {
            case null:
                return (LeakKind.AsyncMethod, null);
            case Task task:
                return (LeakKind.AsyncMethod, DescribeAwaitedTask(task));
        }

        var type = awaited.GetType();
        if (type.DeclaringType == typeof(System.Threading.PeriodicTimer))
        {
            return (LeakKind.AsyncMethod, "PeriodicTimer.WaitForNextTickAsync");
        }

        if (SocketOperations.IsSocketsType(type) && SocketOperations.Instance.Describe(awaited) is { } socketOperation)
        {
            return (LeakKind.AsyncMethod, socketOperation);
        }

        if (!Channels.IsChannelType(type))
        {
            return (LeakKind.AsyncMethod, TypeNames.Of(type));
        }

        var (operation, elementType) = Channels.Instance.Classify(awaited, shape.FieldTypes);
        var element = elementType is null ? names.ChannelElement ?? "T" : TypeNames.Short(elementType);
        return operation switch
        {
            ChannelOperation.ReadAll => (LeakKind.ChannelReader, $"ChannelReader<{element}>.ReadAllAsync"),
            ChannelOperation.Read => (LeakKind.ChannelReader, $"ChannelReader<{element}>.ReadAsync"),
            ChannelOperation.WaitToRead => (LeakKind.ChannelReader, $"ChannelReader<{element}>.WaitToReadAsync"),
            ChannelOperation.Write => (LeakKind.ChannelWriter, $"ChannelWriter<{element}>.WriteAsync"),
            ChannelOperation.WaitToWrite => (LeakKind.ChannelWriter, $"ChannelWriter<{element}>.WaitToWriteAsync"),
            ChannelOperation.WaitEitherSide => (LeakKind.AsyncMethod, $"a channel wait (ChannelReader<{element}>.WaitToReadAsync or ChannelWriter<{element}>.WaitToWriteAsync: this runtime does not tell them apart)"),
            _ => Unknown(type),
        };

        static (LeakKind, string) Unknown(Type type)
        {
            RuntimeNotices.Add("channel operation type " + type.FullName + " is not one LeakCheck knows");
            return (LeakKind.AsyncMethod, "a channel operation LeakCheck does not know (" + TypeNames.Of(type) + ")");
        }
    }

    /// <summary>How deep <see cref="LibraryLeaf"/> follows a library's own awaits (StreamReader over NetworkStream is 3).</summary>
    private const int MaxLibraryChain = 8;

    /// <summary>
    /// What a library async method is stuck on at the bottom of its own awaits, when that says more than the method's
    /// name: <c>TcpListener.AcceptTcpClientAsync</c> waits on a socket accept, <c>StreamReader.ReadLineAsync</c> over a
    /// network stream on a socket receive. Null for a user method (its own line shows it), or when the bottom is
    /// nothing LeakCheck can name.
    /// </summary>
    private static string? LibraryLeaf(IAsyncStateMachine stateMachine, int depth)
    {
        if (depth >= MaxLibraryChain)
        {
            return null;
        }

        var shape = AsyncMethods.Instance.ShapeOf(stateMachine.GetType());
        var names = s_names.GetOrAdd(shape.Type, static (_, s) => new MethodNames(s), shape);
        if (!names.IsLibrary || shape.ReadState(stateMachine) is null or < 0)
        {
            return null;
        }

        foreach (var awaiterField in shape.Awaiters)
        {
            switch (AsyncMethods.Instance.AwaitedObject(awaiterField.GetValue(stateMachine)))
            {
                case null:
                    continue;
                case Task task when AsyncMethods.Instance.StateMachineOf(task) is { } inner:
                    return LibraryLeaf(inner, depth + 1);
                case Task task:
                    return SourceOfAsTask(task) ?? (TaskShapes.Instance.ShapeOf(task) == TaskShape.Delay ? "Task.Delay" : null);
                case var source when SocketOperations.IsSocketsType(source.GetType()):
                    return SocketOperations.Instance.Describe(source);
                default:
                    return null;
            }
        }

        return null;
    }

    /// <summary>A socket operation a <c>ValueTask.AsTask()</c> task stands for (the task-returning socket overloads).</summary>
    private static string? SourceOfAsTask(Task task)
        => SocketOperations.SourceOf(task) is { } source && SocketOperations.IsSocketsType(source.GetType())
            ? SocketOperations.Instance.Describe(source)
            : null;

    private static string DescribeAwaitedTask(Task task)
    {
        switch (TaskShapes.Instance.ShapeOf(task))
        {
            case TaskShape.Delay:
                return "Task.Delay";
            case TaskShape.SemaphoreWait:
                return "SemaphoreSlim.WaitAsync";
            case TaskShape.RuntimeAsync:
                return "a runtime-async method (no state machine to read)";
        }

        if (AsyncMethods.Instance.StateMachineOf(task) is { } inner)
        {
            var method = "async " + UserFrames.DescribeStateMachine(inner.GetType());
            return LibraryLeaf(inner, 0) is { } leaf ? method + ", which waits on " + leaf : method;
        }

        if (SourceOfAsTask(task) is { } source)
        {
            return source;
        }

        if (TaskRegistry.Instance.Action?.GetValue(task) is Delegate action)
        {
            return "task running " + UserFrames.Describe(action.Method);
        }

        return TaskShapes.Instance.ShapeOf(task) == TaskShape.Plain
            ? "a task nobody completed (TaskCompletionSource)"
            : "a pending " + TypeNames.Of(task.GetType());
    }

    /// <summary>How a state machine's method reads in a report, computed once per type (the adapter's own box is inspected on every test).</summary>
    private sealed class MethodNames
    {
        public MethodNames(StateMachineShape shape)
        {
            IsLeakCheck = UserFrames.IsInfrastructureType(shape.Type);
            IsLibrary = shape.MoveNext is { } moveNext && UserFrames.IsHidden(moveNext);
            foreach (var fieldType in shape.FieldTypes)
            {
                if (Channels.ElementOf(fieldType) is { } element)
                {
                    ChannelElement = TypeNames.Short(element);
                    break;
                }
            }

            Method = UserFrames.DescribeStateMachine(shape.Type) + (shape.IsAsyncVoid ? " (async void)" : string.Empty);
        }

        public string Method { get; }

        public bool IsLeakCheck { get; }

        public bool IsLibrary { get; }

        public string? ChannelElement { get; }
    }
}
