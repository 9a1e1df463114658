using System;
using System.Collections.Concurrent;
using System.Linq;
using System.Reflection;
using System.Runtime.CompilerServices;
using System.Threading.Tasks;
using LeakCheck.Reporting;

namespace LeakCheck.Probes.Tasks;

/// <summary>
/// Reads a live task into a <see cref="TaskDescription"/>: the user's method and where it waits. It reads
/// types, member names and task ids only; values held by a state machine are never read into a report.
/// </summary>
internal static class TaskInspector
{
    private const BindingFlags Instance = BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic;
    private static readonly ConcurrentDictionary<Type, FieldInfo?> s_stateMachineFields = new();
    private static readonly ConcurrentDictionary<Type, StateMachineShape> s_shapes = new();
    private static readonly ConcurrentDictionary<Type, (FieldInfo? Task, FieldInfo? ValueTask, FieldInfo? Source)> s_awaiterFields = new();
    private static readonly ConcurrentDictionary<Type, FieldInfo?> s_delayTimerFields = new();

    /// <summary>A delegate task's method as described, once per method (the test framework's worker tasks are inspected on every test).</summary>
    private static readonly ConcurrentDictionary<MethodInfo, (string Method, bool IsInfrastructure, bool IsLibrary)> s_delegates = new();

    public static TaskDescription Describe(Task task, TaskRuntimeLayout layout)
    {
        var type = task.GetType();
        var stateMachine = StateMachineOf(task);
        if (stateMachine is not null)
        {
            return DescribeAsyncMethod(stateMachine);
        }

        if (type.Name.StartsWith("DelayPromise", StringComparison.Ordinal))
        {
            var schedule = DelaySchedule(task);
            return new TaskDescription(LeakKind.Timer, "Task.Delay", schedule?.ToString() ?? "not completed: its timer is still armed", null, false, null, false)
            {
                EarliestCompletion = UntilDue(schedule),
                IsDelay = true,
            };
        }

        if (layout.Action?.GetValue(task) is Delegate action)
        {
            var (method, isInfrastructure, isLibrary) = s_delegates.GetOrAdd(action.Method, static m =>
                (UserFrames.Describe(m), UserFrames.IsInfrastructureType(m.DeclaringType ?? typeof(object)), UserFrames.IsHidden(m)));
            var waiting = task.Status switch
            {
                TaskStatus.WaitingForActivation when type.Name.StartsWith("Continuation", StringComparison.Ordinal) => "continuation waiting for a task that has not completed",
                TaskStatus.WaitingForActivation or TaskStatus.WaitingToRun or TaskStatus.Created => "queued, not started",
                _ => "running",
            };
            return new TaskDescription(LeakKind.Task, method, waiting, null, false, null, isInfrastructure)
            {
                IsLibraryWork = isLibrary,
            };
        }

        var promise = type.Name.Contains("Promise", StringComparison.Ordinal);
        return new TaskDescription(LeakKind.Task, TypeNames.Of(type), "not completed", null, promise, null, false);
    }

    private static TaskDescription DescribeAsyncMethod(object stateMachine)
    {
        var shape = s_shapes.GetOrAdd(stateMachine.GetType(), static t => new StateMachineShape(t));
        var method = shape.Method;
        var state = shape.State?.GetValue(stateMachine) as int?;
        if (state is null or < 0)
        {
            return new TaskDescription(LeakKind.AsyncMethod, method, "running (not suspended at an await)", shape.Type, false, null, shape.IsLeakCheck)
            {
                IsLibraryWork = shape.IsLibrary,
            };
        }

        object? awaited = null;
        foreach (var awaiterField in shape.Awaiters)
        {
            awaited = AwaitedObject(awaiterField.GetValue(stateMachine));
            if (awaited is not null)
            {
                break;
            }
        }

        var (kind, target) = DescribeAwaited(awaited, shape);
        var at = "waiting at await #" + (state.Value + 1) + (target is null ? string.Empty : ": " + target);
        var awaitsLeakCheck = awaited is Task awaitedTask && StateMachineOf(awaitedTask) is { } inner && UserFrames.IsInfrastructureType(inner.GetType());
        return new TaskDescription(kind, method, at, shape.Type, false, (awaited as Task)?.Id, shape.IsLeakCheck || awaitsLeakCheck)
        {
            IsLibraryWork = shape.IsLibrary,
            EarliestCompletion = UntilDelayFires(awaited as Task),
        };
    }

    /// <summary>
    /// The schedule of a pending Task.Delay's timer (the promise's TimerQueueTimer field), or null when it cannot be
    /// read or is not armed (the delay is firing or was cancelled: it completes any moment).
    /// </summary>
    private static Timers.TimerSchedule? DelaySchedule(Task delay)
    {
        var layout = Timers.TimerRuntimeLayout.Instance;
        if (delay.IsCompleted || layout.UnavailableReason is not null)
        {
            return null;
        }

        // The promise's timer field is typed ITimer (a TimeProvider may supply its own timer): found once per promise
        // type as the field a TimerQueueTimer fits in, and read only when it holds one.
        var timer = s_delayTimerFields.GetOrAdd(delay.GetType(), static type =>
        {
            var queueTimer = typeof(System.Threading.Timer).Assembly.GetType("System.Threading.TimerQueueTimer");
            for (var t = type; queueTimer is not null && t is not null && t != typeof(Task); t = t.BaseType)
            {
                if (t.GetFields(Instance | BindingFlags.DeclaredOnly).FirstOrDefault(f => f.FieldType.IsAssignableFrom(queueTimer) && f.FieldType != typeof(object)) is { } field)
                {
                    return field;
                }
            }

            return null;
        })?.GetValue(delay);
        if (timer?.GetType().FullName != "System.Threading.TimerQueueTimer")
        {
            return null;
        }

        // Read without the queue's lock: a one-shot delay's schedule is written once, before the task is returned.
        return timer is null ? null : layout.ReadSchedule(timer);
    }

    /// <summary>How long until a pending delay fires by itself; zero when unknown (it may complete any time).</summary>
    private static TimeSpan UntilDue(Timers.TimerSchedule? schedule)
        => schedule is { } armed ? armed.UntilDue(Timers.TimerRuntimeLayout.Instance.Now()) : TimeSpan.Zero;

    /// <summary>How long until the pending Task.Delay an async method awaits fires (zero when it awaits something else).</summary>
    private static TimeSpan UntilDelayFires(Task? awaited)
        => awaited is not null && awaited.GetType().Name.StartsWith("DelayPromise", StringComparison.Ordinal) ? UntilDue(DelaySchedule(awaited)) : TimeSpan.Zero;

    /// <summary>The compiler state machine inside an async method's task (its box), or null for other tasks.</summary>
    private static IAsyncStateMachine? StateMachineOf(Task task)
        => s_stateMachineFields.GetOrAdd(task.GetType(), static t => t.GetField("StateMachine", BindingFlags.Public | BindingFlags.Instance))
            ?.GetValue(task) as IAsyncStateMachine;

    /// <summary>The task or value-task source inside a compiler awaiter (TaskAwaiter, ValueTaskAwaiter and their configured forms).</summary>
    private static object? AwaitedObject(object? awaiter)
    {
        if (awaiter is null)
        {
            return null;
        }

        var (task, valueTask, source) = s_awaiterFields.GetOrAdd(awaiter.GetType(), static type =>
        {
            var value = type.GetField("_value", Instance);
            return (type.GetField("m_task", Instance), value, value?.FieldType.GetField("_obj", Instance));
        });
        if (task?.GetValue(awaiter) is Task awaited)
        {
            return awaited;
        }

        return valueTask?.GetValue(awaiter) is { } boxed ? source?.GetValue(boxed) : null;
    }

    private static (LeakKind Kind, string? Target) DescribeAwaited(object? awaited, StateMachineShape shape)
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

        if (type.Namespace != "System.Threading.Channels")
        {
            return (LeakKind.AsyncMethod, TypeNames.Of(type));
        }

        var element = type.IsGenericType ? TypeNames.Short(type.GetGenericArguments()[0]) : shape.ChannelElement ?? "T";
        var name = type.Name;
        if (name.StartsWith("<ReadAllAsync>", StringComparison.Ordinal))
        {
            return (LeakKind.ChannelReader, $"ChannelReader<{element}>.ReadAllAsync");
        }

        if (name.StartsWith("BlockedRead", StringComparison.Ordinal))
        {
            return (LeakKind.ChannelReader, $"ChannelReader<{element}>.ReadAsync");
        }

        if (name.StartsWith("WaitingRead", StringComparison.Ordinal))
        {
            return (LeakKind.ChannelReader, $"ChannelReader<{shape.ChannelElement ?? "T"}>.WaitToReadAsync");
        }

        if (name.StartsWith("BlockedWrite", StringComparison.Ordinal))
        {
            return (LeakKind.ChannelWriter, $"ChannelWriter<{element}>.WriteAsync");
        }

        if (name.StartsWith("WaitingWrite", StringComparison.Ordinal))
        {
            return (LeakKind.ChannelWriter, $"ChannelWriter<{shape.ChannelElement ?? "T"}>.WaitToWriteAsync");
        }

        return (LeakKind.ChannelReader, "a channel operation (" + TypeNames.Of(type) + ")");
    }

    private static string DescribeAwaitedTask(Task task)
    {
        var type = task.GetType();
        if (type.Name.StartsWith("DelayPromise", StringComparison.Ordinal))
        {
            return "Task.Delay";
        }

        if (type.DeclaringType == typeof(System.Threading.SemaphoreSlim))
        {
            return "SemaphoreSlim.WaitAsync";
        }

        if (StateMachineOf(task) is { } inner)
        {
            return "async " + UserFrames.DescribeStateMachine(inner.GetType());
        }

        if (TaskRuntimeLayout.Instance.Action?.GetValue(task) is Delegate action)
        {
            return "task running " + UserFrames.Describe(action.Method);
        }

        if (type == typeof(Task) || (type.IsGenericType && type.GetGenericTypeDefinition() == typeof(Task<>)))
        {
            return "a task nobody completed (TaskCompletionSource)";
        }

        return "a pending " + TypeNames.Of(type);
    }

    /// <summary>The fields of a compiler state machine that LeakCheck reads, found once per type.</summary>
    private sealed class StateMachineShape
    {
        public StateMachineShape(Type type)
        {
            Type = type;
            var fields = type.GetFields(Instance);
            State = fields.FirstOrDefault(f => f.Name == "<>1__state" && f.FieldType == typeof(int));
            Awaiters = fields.Where(f => f.Name.StartsWith("<>u__", StringComparison.Ordinal)).ToArray();
            IsAsyncVoid = fields.Any(f => f.FieldType == typeof(AsyncVoidMethodBuilder));
            IsLeakCheck = UserFrames.IsInfrastructureType(type);
            IsLibrary = type.GetMethod("MoveNext", Instance) is { } moveNext && UserFrames.IsHidden(moveNext);
            ChannelElement = fields.Select(f => ChannelElementOf(f.FieldType)).FirstOrDefault(e => e is not null);
            Method = UserFrames.DescribeStateMachine(type) + (IsAsyncVoid ? " (async void)" : string.Empty);
        }

        public Type Type { get; }

        /// <summary>Gets the method as the user wrote it (described once per type: the adapter's own box is inspected on every test).</summary>
        public string Method { get; }

        public FieldInfo? State { get; }

        public FieldInfo[] Awaiters { get; }

        public bool IsAsyncVoid { get; }

        public bool IsLeakCheck { get; }

        public bool IsLibrary { get; }

        /// <summary>Gets the element type of a channel, reader or writer the method holds, when there is one.</summary>
        public string? ChannelElement { get; }

        private static string? ChannelElementOf(Type type)
        {
            for (var t = type; t is not null; t = t.BaseType)
            {
                if (t.IsGenericType && t.Namespace == "System.Threading.Channels" && t.Name is "ChannelReader`1" or "ChannelWriter`1" or "Channel`1" or "Channel`2")
                {
                    return TypeNames.Short(t.GetGenericArguments()[0]);
                }
            }

            return null;
        }
    }
}
