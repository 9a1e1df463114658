using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Reflection;
using System.Runtime.CompilerServices;
using System.Threading.Tasks;

namespace LeakCheck.Runtime;

/// <summary>
/// Async methods as the runtime and the C# compiler lay them out: the runtime's box
/// (<c>AsyncTaskMethodBuilder&lt;TResult&gt;.AsyncStateMachineBox&lt;TStateMachine&gt;</c>, the method's task) holds the
/// compiler's state machine in its public <c>StateMachine</c> field; the state machine keeps its await index in
/// <c>&lt;&gt;1__state</c> and its awaiters in <c>&lt;&gt;u__N</c>; a <c>TaskAwaiter</c> (and its configured form) holds the
/// awaited task in <c>m_task</c>, a <c>ValueTaskAwaiter</c> its <c>ValueTask</c> in <c>_value</c>, whose <c>_obj</c> is the
/// task or <c>IValueTaskSource</c> it waits on.
/// </summary>
/// <remarks>
/// .NET 11's opt-in runtime-async compilation produces methods with no compiler state machine; code compiled by
/// today's C# compiler, and the runtime's own libraries, still use state machines (checked by the goldens).
/// </remarks>
internal sealed class AsyncMethods
{
    private const BindingFlags AnyInstance = BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic;

    private readonly Type? _boxDefinition;
    private readonly ConcurrentDictionary<Type, FieldInfo?> _stateMachineFields = new();
    private readonly ConcurrentDictionary<Type, StateMachineShape> _shapes = new();
    private readonly ConcurrentDictionary<Type, (FieldInfo? Task, FieldInfo? ValueTask, FieldInfo? Source)> _awaiterFields = new();

    private AsyncMethods()
    {
        var lookup = new MemberLookup();
        _boxDefinition = typeof(AsyncTaskMethodBuilder<>).GetNestedType("AsyncStateMachineBox`1", BindingFlags.NonPublic);
        if (_boxDefinition is null)
        {
            lookup.Missing("AsyncTaskMethodBuilder`1.AsyncStateMachineBox`1 (type not found)");
        }
        else
        {
            lookup.Note("type AsyncTaskMethodBuilder`1.AsyncStateMachineBox`1");
            lookup.Field(_boxDefinition, "StateMachine", typeof(object));
        }

        lookup.Field(typeof(TaskAwaiter), "m_task", typeof(Task));
        lookup.Field(typeof(ConfiguredTaskAwaitable.ConfiguredTaskAwaiter), "m_task", typeof(Task));
        lookup.Field(typeof(ValueTaskAwaiter<int>), "_value", typeof(ValueTask<int>));
        lookup.Field(typeof(ConfiguredValueTaskAwaitable<int>.ConfiguredValueTaskAwaiter), "_value", typeof(ValueTask<int>));
        lookup.Field(typeof(ValueTaskAwaiter), "_value", typeof(ValueTask));
        lookup.Field(typeof(ValueTask<int>), "_obj", typeof(object));
        lookup.Field(typeof(ValueTask), "_obj", typeof(object));
        Members = lookup.Resolved;
        UnavailableReason = lookup.UnavailableReason;
    }

    public static AsyncMethods Instance { get; } = new();

    public string? UnavailableReason { get; }

    public IReadOnlyList<string> Members { get; }

    /// <summary>The compiler state machine inside an async method's task (its box), or null for other tasks.</summary>
    public IAsyncStateMachine? StateMachineOf(Task task)
    {
        var field = _stateMachineFields.GetOrAdd(task.GetType(), FindStateMachineField);
        return field?.GetValue(task) as IAsyncStateMachine;
    }

    /// <summary>Gets a value indicating whether <paramref name="task"/> is an async method's task (a runtime box).</summary>
    public bool IsBox(Task task) => _boxDefinition is not null && IsBoxType(task.GetType());

    /// <summary>The fields of a compiler state machine type, found once per type.</summary>
    public StateMachineShape ShapeOf(Type stateMachine) => _shapes.GetOrAdd(stateMachine, static t => new StateMachineShape(t));

    /// <summary>The task or value-task source inside a compiler awaiter (TaskAwaiter, ValueTaskAwaiter and their configured forms).</summary>
    public object? AwaitedObject(object? awaiter)
    {
        if (awaiter is null)
        {
            return null;
        }

        var (task, valueTask, source) = AwaiterFields(awaiter.GetType());
        if (task?.GetValue(awaiter) is Task awaited)
        {
            return awaited;
        }

        return valueTask?.GetValue(awaiter) is { } boxed ? source?.GetValue(boxed) : null;
    }

    /// <summary>
    /// Gets a value indicating whether <paramref name="awaiter"/> is one LeakCheck can look into (a task or value-task
    /// awaiter, or <c>Task.Yield</c>'s, which waits on nothing); false for a library's own awaiter type.
    /// </summary>
    public bool IsKnownAwaiter(object awaiter)
    {
        var type = awaiter.GetType();
        if (type == typeof(YieldAwaitable.YieldAwaiter))
        {
            return true;
        }

        var (task, valueTask, _) = AwaiterFields(type);
        return task is not null || valueTask is not null;
    }

    /// <summary>A task awaiter's <c>m_task</c>, or a value-task awaiter's <c>_value</c> and its <c>_obj</c>, found once per awaiter type.</summary>
    private (FieldInfo? Task, FieldInfo? ValueTask, FieldInfo? Source) AwaiterFields(Type awaiter)
        => _awaiterFields.GetOrAdd(awaiter, static type =>
        {
            var value = type.GetField("_value", AnyInstance);
            return (type.GetField("m_task", AnyInstance), value, value?.FieldType.GetField("_obj", AnyInstance));
        });

    private FieldInfo? FindStateMachineField(Type taskType)
    {
        var field = taskType.GetField("StateMachine", BindingFlags.Public | BindingFlags.Instance);
        if (field is null && IsBoxType(taskType))
        {
            RuntimeNotices.Add(taskType.Name + " has no StateMachine field");
        }

        return field;
    }

    private bool IsBoxType(Type type)
    {
        for (Type? t = type; t is not null && t != typeof(Task); t = t.BaseType)
        {
            if (t.IsGenericType && t.GetGenericTypeDefinition() == _boxDefinition)
            {
                return true;
            }
        }

        return false;
    }
}
