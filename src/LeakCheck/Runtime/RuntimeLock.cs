using System;
using System.Reflection;
using System.Threading;

namespace LeakCheck.Runtime;

/// <summary>
/// A lock the runtime takes around state LeakCheck reads or changes: a <c>System.Threading.Lock</c> (.NET 9 and
/// later; entered through its public <c>Enter()</c>/<c>Exit()</c>, found by reflection because the package targets
/// net8.0) or a monitor on an object.
/// </summary>
internal readonly struct RuntimeLock
{
    private readonly MethodInfo? _enter;
    private readonly MethodInfo? _exit;

    private RuntimeLock(MethodInfo? enter, MethodInfo? exit)
    {
        _enter = enter;
        _exit = exit;
    }

    /// <summary>Gets the protocol for a lock object of <paramref name="type"/>, or null when it is a <c>Lock</c> without Enter/Exit.</summary>
    /// <remarks>A monitor on a <c>Lock</c> object would exclude nothing: such a lock is refused instead of taken wrongly.</remarks>
    public static RuntimeLock? For(Type type)
    {
        if (type.FullName != "System.Threading.Lock")
        {
            return new RuntimeLock(null, null);
        }

        var enter = type.GetMethod("Enter", Type.EmptyTypes);
        var exit = type.GetMethod("Exit", Type.EmptyTypes);
        return enter is null || exit is null ? null : new RuntimeLock(enter, exit);
    }

    /// <summary>Gets a value indicating whether this is a <c>System.Threading.Lock</c> rather than a monitor.</summary>
    public bool IsLockType => _enter is not null;

    /// <summary>Runs <paramref name="action"/> holding <paramref name="guard"/>.</summary>
    public void Run(object guard, Action action)
    {
        if (_enter is null)
        {
            Monitor.Enter(guard);
        }
        else
        {
            _enter.Invoke(guard, null);
        }

        try
        {
            action();
        }
        finally
        {
            if (_exit is null)
            {
                Monitor.Exit(guard);
            }
            else
            {
                _exit.Invoke(guard, null);
            }
        }
    }
}
