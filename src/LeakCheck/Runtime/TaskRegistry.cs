using System;
using System.Collections.Generic;
using System.Reflection;
using System.Threading.Tasks;

namespace LeakCheck.Runtime;

/// <summary>
/// The runtime's debugger registry of live tasks: <c>Task.s_asyncDebuggingEnabled</c> (static bool) makes the
/// runtime add tasks to <c>Task.s_currentActiveTasks</c> (static <c>Dictionary&lt;int, Task&gt;</c>, which the
/// runtime locks on itself in <c>AddToActiveTasks</c>/<c>RemoveFromActiveTasks</c>), and <c>Task.m_action</c>
/// is a delegate task's delegate.
/// </summary>
/// <remarks>
/// The registry holds strong references, so it keeps garbage alive: it is on only while a scope is live
/// (<see cref="Acquire"/>/<see cref="Release"/>, reference-counted), and when the last scope ends it is switched
/// off again and emptied, unless something else (a debugger) had switched it on before LeakCheck did. The runtime
/// removes an entry only while the switch is on, so the entries LeakCheck caused are removed by LeakCheck.
/// </remarks>
internal sealed class TaskRegistry
{
    private readonly FieldInfo? _enabled;
    private readonly FieldInfo? _active;
    private readonly Instrumentation? _instrumentation;
    private readonly object _gate = new();
    private int _users;
    private bool _switchedOnByUs;

    internal TaskRegistry(Type taskType)
    {
        var lookup = new MemberLookup();
        _enabled = lookup.Field(taskType, "s_asyncDebuggingEnabled", typeof(bool));
        _active = lookup.Field(taskType, "s_currentActiveTasks", typeof(Dictionary<int, Task>));
        Action = lookup.Field(taskType, "m_action", typeof(Delegate));
        if (_enabled is { IsStatic: false } || _active is { IsStatic: false } || (_enabled is not null && _enabled.IsInitOnly))
        {
            lookup.Missing("Task.s_asyncDebuggingEnabled / s_currentActiveTasks (not writable static fields)");
        }

        if (_active is not null)
        {
            VerifyLockProtocol(taskType, _active, lookup);
        }

        _instrumentation = Instrumentation.Resolve(taskType.Assembly, lookup);
        Members = lookup.Resolved;
        UnavailableReason = lookup.UnavailableReason;
    }

    public static TaskRegistry Instance { get; } = new(typeof(Task));

    public string? UnavailableReason { get; }

    public IReadOnlyList<string> Members { get; }

    /// <summary>Gets <c>Task.m_action</c>.</summary>
    public FieldInfo? Action { get; }

    /// <summary>Gets a value indicating whether the registry is switched on now (by LeakCheck or anyone else).</summary>
    public bool IsOn => _enabled?.GetValue(null) is true;

    /// <summary>Gets how many live scopes hold the registry on (for tests).</summary>
    internal int Users
    {
        get
        {
            lock (_gate)
            {
                return _users;
            }
        }
    }

    /// <summary>Switches the registry on for one more live scope (only tasks created from now on are in it).</summary>
    public void Acquire()
    {
        if (_enabled is null)
        {
            return;
        }

        lock (_gate)
        {
            if (_users++ == 0 && _enabled.GetValue(null) is false)
            {
                _enabled.SetValue(null, true);
                _instrumentation?.Synchronize();
                _switchedOnByUs = true;
            }
        }
    }

    /// <summary>
    /// One live scope fewer. When it was the last and LeakCheck switched the registry on, switches it off and
    /// empties it: nothing LeakCheck caused the runtime to hold stays held.
    /// </summary>
    public void Release()
    {
        if (_enabled is null)
        {
            return;
        }

        lock (_gate)
        {
            if (_users == 0 || --_users != 0 || !_switchedOnByUs)
            {
                return;
            }

            _switchedOnByUs = false;
            _enabled.SetValue(null, false);
            _instrumentation?.Synchronize();
            if (Dictionary is { } registry)
            {
                lock (registry)
                {
                    registry.Clear();
                }
            }
        }
    }

    /// <summary>
    /// Runs <paramref name="action"/> on the registry under the runtime's own lock (the dictionary itself), or does
    /// nothing when the runtime has not created it yet.
    /// </summary>
    public void Locked(Action<Dictionary<int, Task>> action)
    {
        if (Dictionary is { } registry)
        {
            lock (registry)
            {
                action(registry);
            }
        }
    }

    /// <summary>Gets the live task with <paramref name="taskId"/>, or null when the registry does not hold it.</summary>
    public Task? Find(int taskId)
    {
        if (Dictionary is not { } registry)
        {
            return null;
        }

        lock (registry)
        {
            return registry.TryGetValue(taskId, out var task) ? task : null;
        }
    }

    /// <summary>
    /// LeakCheck removes entries from the runtime's dictionary, so it must take the lock the runtime takes: checked in
    /// the IL of the runtime's own add and remove methods (a monitor on the dictionary), on every runtime.
    /// </summary>
    private static void VerifyLockProtocol(Type taskType, FieldInfo active, MemberLookup lookup)
    {
        foreach (var method in new[] { "AddToActiveTasks", "RemoveFromActiveTasks" })
        {
            var references = ILReferences.Of(taskType, method);
            if (!ILReferences.EntersMonitor(references) || !ILReferences.Refers(references, active))
            {
                lookup.Missing($"{taskType.Name}.{method} (does not lock {active.Name} on this runtime)");
                return;
            }
        }

        lookup.Note("lock: AddToActiveTasks and RemoveFromActiveTasks lock s_currentActiveTasks (Monitor, checked in their IL)");
    }

    /// <summary>
    /// .NET 11 caches which async instrumentation is on (<c>AsyncInstrumentation.s_activeFlags</c>, guarded by
    /// <c>s_lock</c>): async methods consult the cache, not <c>s_asyncDebuggingEnabled</c>, so after switching the
    /// registry LeakCheck asks the runtime to re-read its switches the way the runtime's own <c>UpdateTplFlags</c> does
    /// (the Synchronize bit, 0x80000000, set under the lock; checked in that method's IL).
    /// </summary>
    private sealed class Instrumentation
    {
        private const uint SynchronizeBit = 0x80000000;
        private readonly FieldInfo _flags;
        private readonly object _lock;
        private readonly RuntimeLock _protocol;

        private Instrumentation(FieldInfo flags, object @lock, RuntimeLock protocol)
        {
            _flags = flags;
            _lock = @lock;
            _protocol = protocol;
        }

        public static Instrumentation? Resolve(Assembly coreLib, MemberLookup lookup)
        {
            var type = lookup.Type(coreLib, "System.Runtime.CompilerServices.AsyncInstrumentation", required: false);
            if (type is null)
            {
                return null;
            }

            var flags = lookup.Field(type, "s_activeFlags", typeof(Enum));
            var guard = lookup.Field(type, "s_lock", typeof(object));
            var update = ILReferences.Of(type, "UpdateTplFlags");
            if (flags is null || guard?.GetValue(null) is not { } value || RuntimeLock.For(value.GetType()) is not { } protocol
                || !ILReferences.Refers(update, flags) || !ILReferences.Refers(update, guard))
            {
                lookup.Missing("AsyncInstrumentation (its flags cannot be re-synchronised the way UpdateTplFlags does)");
                return null;
            }

            lookup.Note("switch: after s_asyncDebuggingEnabled changes, AsyncInstrumentation.s_activeFlags |= 0x80000000 under s_lock");
            return new Instrumentation(flags, value, protocol);
        }

        public void Synchronize()
            => _protocol.Run(_lock, () =>
            {
                var current = Convert.ToUInt32(_flags.GetValue(null), System.Globalization.CultureInfo.InvariantCulture);
                _flags.SetValue(null, Enum.ToObject(_flags.FieldType, current | SynchronizeBit));
            });
    }

    private Dictionary<int, Task>? Dictionary => _active?.GetValue(null) as Dictionary<int, Task>;
}
