using System;
using System.Collections.Generic;
using System.Reflection;
using System.Threading.Tasks;

namespace LeakCheck.Probes.Tasks;

/// <summary>
/// The runtime internals the task probe reads, resolved once and checked. When the runtime does not match
/// (a future .NET renamed a field), <see cref="UnavailableReason"/> says what is missing and the probe turns
/// itself off instead of guessing.
/// </summary>
/// <remarks>
/// <list type="bullet">
/// <item><c>Task.s_asyncDebuggingEnabled</c> (static bool) turns on the debugger's registry of live tasks.</item>
/// <item><c>Task.s_currentActiveTasks</c> (static <c>Dictionary&lt;int, Task&gt;</c>, locked on itself) is that registry.</item>
/// <item><c>Task.m_action</c> is the delegate of a delegate task.</item>
/// </list>
/// </remarks>
internal sealed class TaskRuntimeLayout
{
    private const BindingFlags StaticField = BindingFlags.NonPublic | BindingFlags.Static;
    private const BindingFlags InstanceField = BindingFlags.NonPublic | BindingFlags.Instance;

    private readonly FieldInfo? _debuggingEnabled;
    private readonly FieldInfo? _activeTasks;

    /// <summary>Initializes a new instance over <paramref name="taskType"/> (<see cref="Task"/>; another type in tests).</summary>
    internal TaskRuntimeLayout(Type taskType)
    {
        var missing = new List<string>();
        _debuggingEnabled = Find(taskType, "s_asyncDebuggingEnabled", StaticField, typeof(bool), missing);
        _activeTasks = Find(taskType, "s_currentActiveTasks", StaticField, typeof(Dictionary<int, Task>), missing);
        Action = Find(taskType, "m_action", InstanceField, typeof(Delegate), missing);
        UnavailableReason = missing.Count == 0 ? null : "missing runtime members: " + string.Join(", ", missing);
    }

    public static TaskRuntimeLayout Instance { get; } = new(typeof(Task));

    public string? UnavailableReason { get; }

    /// <summary>Gets <c>Task.m_action</c>.</summary>
    public FieldInfo? Action { get; }

    /// <summary>Turns on the runtime's registry of live tasks (only tasks created from now on are in it).</summary>
    public void EnableRegistry() => _debuggingEnabled?.SetValue(null, true);

    /// <summary>Gets the registry, or null when the runtime has not created it yet.</summary>
    public Dictionary<int, Task>? Registry => _activeTasks?.GetValue(null) as Dictionary<int, Task>;

    private static FieldInfo? Find(Type owner, string name, BindingFlags flags, Type expected, List<string> missing)
    {
        var field = owner.GetField(name, flags);
        if (field is null || !expected.IsAssignableFrom(field.FieldType))
        {
            missing.Add($"{owner.Name}.{name} ({(field is null ? "not found" : "type " + field.FieldType.Name)})");
            return null;
        }

        return field;
    }
}
