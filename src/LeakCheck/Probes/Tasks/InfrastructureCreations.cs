using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Diagnostics;
using System.Threading.Tasks;
using LeakCheck.Reporting;
using LeakCheck.Runtime;
using LeakCheck.Stacks;

namespace LeakCheck.Probes.Tasks;

/// <summary>
/// Tells, before a creation stack is walked, whether the task being created is the test framework's or
/// LeakCheck's own work (<see cref="UserFrames.IsInfrastructureType"/>). Such tasks are still recorded, but
/// never reported, so their creation stack is never shown: walking it is pure cost, and the test framework's
/// async pipeline runs on deep stacks (tens of microseconds per walk, several per test).
/// </summary>
/// <remarks>
/// <list type="bullet">
/// <item>Delegate tasks (<c>Task.Run</c>, <c>StartNew</c>): the runtime registers the task before it raises the
/// creation event, so the task's delegate is read from the registry: exact.</item>
/// <item>Async methods: the event comes before the box is registered and names only the state machine type
/// (<c>Async: &lt;RunAsync&gt;d__9</c>). The first creation of each name in the process is walked as usual and
/// its creating frame (the state machine's <c>MoveNext</c>) decides the name. Should a user's state machine
/// share the name of an infrastructure one, the probe sees it when it inspects the task, treats the name as the
/// user's from then on, and that item says its creation stack was not captured.</item>
/// </list>
/// </remarks>
internal sealed class InfrastructureCreations
{
    internal const string SkippedNote =
        "creation stack not captured: its async method has the same compiler name as a test-framework method, whose stacks LeakCheck does not walk";

    private const string AsyncPrefix = RuntimeEvents.AsyncOperationPrefix;

    private readonly TaskRegistry _registry;

    /// <summary>Operation name of an async method → whether its state machine is infrastructure.</summary>
    private readonly ConcurrentDictionary<string, bool> _asyncMethods = new(StringComparer.Ordinal);

    public InfrastructureCreations(TaskRegistry registry) => _registry = registry;

    /// <summary>Returns true when the task being created is known to be infrastructure work (no stack needed).</summary>
    public bool IsInfrastructure(int taskId, string operation)
    {
        if (operation.StartsWith(AsyncPrefix, StringComparison.Ordinal))
        {
            return _asyncMethods.TryGetValue(operation, out var infrastructure) && infrastructure;
        }

        var task = _registry.Find(taskId);
        return task is not null
            && _registry.Action?.GetValue(task) is Delegate action
            && UserFrames.IsInfrastructureType(action.Method.DeclaringType ?? typeof(object));
    }

    /// <summary>Decides an async method's name from its first creation stack (its creating frame is the state machine's MoveNext).</summary>
    public void Learn(string operation, StackTrace? stack)
    {
        if (stack is null || !operation.StartsWith(AsyncPrefix, StringComparison.Ordinal) || _asyncMethods.ContainsKey(operation))
        {
            return;
        }

        var name = operation.AsSpan(AsyncPrefix.Length);
        var infrastructure = false;
        foreach (var frame in stack.GetFrames())
        {
            if (frame.GetMethod() is { Name: "MoveNext", DeclaringType: { } type } && name.SequenceEqual(type.Name))
            {
                infrastructure = UserFrames.IsInfrastructureType(type);
                break;
            }
        }

        _asyncMethods.TryAdd(operation, infrastructure);
    }

    /// <summary>A task created under an infrastructure name turned out to be the user's: walk that name's stacks from now on.</summary>
    public void Unlearn(string operation) => _asyncMethods[operation] = false;

    /// <summary>Gets the names decided so far (for tests).</summary>
    internal IReadOnlyDictionary<string, bool> AsyncMethods => _asyncMethods;
}
