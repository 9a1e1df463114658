using System;
using System.Linq;
using System.Reflection;
using System.Runtime.CompilerServices;

namespace LeakCheck.Runtime;

/// <summary>
/// The fields of a C# compiler async state machine LeakCheck reads: <c>&lt;&gt;1__state</c> (-1 running, -2 done,
/// N suspended at await N+1), the awaiters <c>&lt;&gt;u__N</c>, and the builder, which tells an async void method.
/// </summary>
internal sealed class StateMachineShape
{
    private const BindingFlags Instance = BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic;

    public StateMachineShape(Type type)
    {
        Type = type;
        var fields = type.GetFields(Instance);
        State = fields.FirstOrDefault(f => f.Name == "<>1__state" && f.FieldType == typeof(int));
        Awaiters = fields.Where(f => f.Name.StartsWith("<>u__", StringComparison.Ordinal)).ToArray();
        IsAsyncVoid = fields.Any(f => f.FieldType == typeof(AsyncVoidMethodBuilder));
        MoveNext = type.GetMethod("MoveNext", Instance);
        FieldTypes = fields.Select(f => f.FieldType).ToArray();
        if (State is null)
        {
            RuntimeNotices.Add(type.FullName + " has no <>1__state field (not a C# compiler state machine)");
        }
    }

    public Type Type { get; }

    public FieldInfo? State { get; }

    public FieldInfo[] Awaiters { get; }

    public bool IsAsyncVoid { get; }

    public MethodInfo? MoveNext { get; }

    /// <summary>Gets the types of every field (the method's hoisted locals and parameters among them), never their values.</summary>
    public Type[] FieldTypes { get; }

    /// <summary>Reads the await index: null when unreadable, negative while running or done.</summary>
    public int? ReadState(IAsyncStateMachine stateMachine) => State?.GetValue(stateMachine) as int?;
}
