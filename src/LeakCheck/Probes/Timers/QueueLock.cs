using System;
using System.Collections.Concurrent;
using System.Threading;

namespace LeakCheck.Probes.Timers;

/// <summary>
/// Takes a timer queue's lock: a <c>System.Threading.Lock</c> on .NET 9 and later (entered through its public
/// Enter/Exit, found by reflection because the package targets net8.0), a monitor otherwise. The walk under it
/// only reads fields, so it cannot deadlock with a timer callback (callbacks run outside the lock).
/// </summary>
internal readonly struct QueueLock : IDisposable
{
    private static readonly ConcurrentDictionary<Type, (Action<object> Enter, Action<object> Exit)?> s_lockMethods = new();

    private readonly object _guard;
    private readonly Action<object>? _exit;

    private QueueLock(object guard, Action<object>? exit)
    {
        _guard = guard;
        _exit = exit;
    }

    public static QueueLock Enter(object guard)
    {
        if (s_lockMethods.GetOrAdd(guard.GetType(), Resolve) is { } methods)
        {
            methods.Enter(guard);
            return new QueueLock(guard, methods.Exit);
        }

        Monitor.Enter(guard);
        return new QueueLock(guard, null);
    }

    public void Dispose()
    {
        if (_exit is not null)
        {
            _exit(_guard);
        }
        else
        {
            Monitor.Exit(_guard);
        }
    }

    private static (Action<object> Enter, Action<object> Exit)? Resolve(Type type)
    {
        if (type.FullName != "System.Threading.Lock")
        {
            return null;
        }

        var enter = type.GetMethod("Enter", Type.EmptyTypes);
        var exit = type.GetMethod("Exit", Type.EmptyTypes);
        if (enter is null || exit is null)
        {
            // A monitor on a Lock object would not exclude anything: refuse instead of walking unguarded.
            throw new InvalidOperationException("System.Threading.Lock has no Enter()/Exit()");
        }

        return (guard => enter.Invoke(guard, null), guard => exit.Invoke(guard, null));
    }
}
