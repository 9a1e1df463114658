using System;
using System.Collections.Generic;
using System.Reflection;
using System.Threading;

namespace LeakCheck.Runtime;

/// <summary>
/// The thread pool's registered waits (<c>ThreadPool.RegisterWaitForSingleObject</c>): the portable thread pool
/// (<c>PortableThreadPool.ThreadPoolInstance</c>) keeps a list of wait threads (<c>_waitThreadsHead</c>, nodes with
/// <c>Thread</c> and <c>Next</c>), each with <c>_registeredWaits</c>, of which the first <c>_numUserWaits</c> are
/// registered, and <c>_pendingRemoves</c>, of which the first <c>_numPendingRemoves</c> are being removed (a one-shot
/// wait that was signalled or timed out: its callback may already have run before the wait thread removes it), guarded
/// by the pool's <c>_waitThreadLock</c> (a <c>LowLevelLock</c>). Each <c>RegisteredWaitHandle</c>
/// has <c>_callbackHelper</c> (a <c>_ThreadPoolWaitOrTimerCallback</c> with the user's <c>_waitOrTimerCallback</c> and the
/// <c>_executionContext</c> captured at registration, null for the <c>Unsafe</c> form), <c>_repeating</c>,
/// <c>_signedMillisecondsTimeout</c> (-1 for none), <c>TimeoutTimeMs</c> (when it times out, on
/// <c>Environment.TickCount</c>) and <c>_unregisterCalled</c>.
/// </summary>
/// <remarks>
/// The runtime raises no in-process event when a wait is registered, so there is no creation stack: a wait is found
/// when it is asked for and owned through the context it captured. A runtime whose thread pool is not the portable one
/// (the Windows thread pool, <c>UseWindowsThreadPool</c>) has another layout: the mechanism is then unavailable.
/// </remarks>
internal sealed class RegisteredWaits
{
    private readonly object? _pool;
    private readonly FieldInfo? _head;
    private readonly PropertyInfo? _nodeThread;
    private readonly PropertyInfo? _nodeNext;
    private readonly FieldInfo? _registered;
    private readonly FieldInfo? _count;
    private readonly FieldInfo? _pendingRemoves;
    private readonly FieldInfo? _pendingCount;
    private readonly FieldInfo? _callbackHelper;
    private readonly FieldInfo? _repeating;
    private readonly FieldInfo? _timeout;
    private readonly PropertyInfo? _timeoutTime;
    private readonly FieldInfo? _unregisterCalled;
    private readonly FieldInfo? _callback;
    private readonly FieldInfo? _context;
    private readonly Action? _acquire;
    private readonly Action? _release;

    internal RegisteredWaits(Assembly coreLib)
    {
        var lookup = new MemberLookup();
        var pool = lookup.Type(coreLib, "System.Threading.PortableThreadPool");
        var node = lookup.Type(coreLib, "System.Threading.PortableThreadPool+WaitThreadNode");
        var waitThread = lookup.Type(coreLib, "System.Threading.PortableThreadPool+WaitThread");
        var helper = lookup.Type(coreLib, "System.Threading._ThreadPoolWaitOrTimerCallback");
        var lowLevelLock = lookup.Type(coreLib, "System.Threading.LowLevelLock");
        if (pool is null || node is null || waitThread is null || helper is null || lowLevelLock is null)
        {
            Members = lookup.Resolved;
            UnavailableReason = lookup.UnavailableReason;
            return;
        }

        var instance = lookup.Field(pool, "ThreadPoolInstance", pool);
        _head = lookup.Field(pool, "_waitThreadsHead", node);
        var guard = lookup.Field(pool, "_waitThreadLock", lowLevelLock);
        _nodeThread = lookup.Property(node, "Thread", waitThread);
        _nodeNext = lookup.Property(node, "Next", node);
        _registered = lookup.Field(waitThread, "_registeredWaits", typeof(RegisteredWaitHandle[]));
        _count = lookup.Field(waitThread, "_numUserWaits", typeof(int));
        _pendingRemoves = lookup.Field(waitThread, "_pendingRemoves", typeof(RegisteredWaitHandle[]));
        _pendingCount = lookup.Field(waitThread, "_numPendingRemoves", typeof(int));
        var handle = typeof(RegisteredWaitHandle);
        _callbackHelper = lookup.Field(handle, "_callbackHelper", helper);
        _repeating = lookup.Field(handle, "_repeating", typeof(bool));
        _timeout = lookup.Field(handle, "_signedMillisecondsTimeout", typeof(int));
        _timeoutTime = lookup.Property(handle, "TimeoutTimeMs", typeof(int));
        _unregisterCalled = lookup.Field(handle, "_unregisterCalled", typeof(bool));
        _callback = lookup.Field(helper, "_waitOrTimerCallback", typeof(WaitOrTimerCallback));
        _context = lookup.Field(helper, "_executionContext", typeof(ExecutionContext));
        var acquire = lowLevelLock.GetMethod("Acquire", BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic, Type.EmptyTypes);
        var release = lowLevelLock.GetMethod("Release", BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic, Type.EmptyTypes);
        if (acquire is null || release is null)
        {
            lookup.Missing("LowLevelLock.Acquire/Release (not found)");
        }
        else
        {
            lookup.Note("lock: PortableThreadPool._waitThreadLock (LowLevelLock.Acquire/Release)");
        }

        if (lookup.UnavailableReason is null)
        {
            _pool = instance!.GetValue(null);
            var lockObject = _pool is null ? null : guard!.GetValue(_pool);
            if (lockObject is null)
            {
                lookup.Missing("PortableThreadPool.ThreadPoolInstance (null: the runtime does not use the portable thread pool)");
            }
            else
            {
                _acquire = acquire!.CreateDelegate<Action>(lockObject);
                _release = release!.CreateDelegate<Action>(lockObject);
            }
        }

        Members = lookup.Resolved;
        UnavailableReason = lookup.UnavailableReason;
    }

    public static RegisteredWaits Instance { get; } = new(typeof(Thread).Assembly);

    public string? UnavailableReason { get; }

    public IReadOnlyList<string> Members { get; }

    /// <summary>
    /// Lists every wait still registered and not being unregistered, read under the pool's lock (nothing but field
    /// reads happens while it is held). Empty, without taking the lock, when no wait thread exists.
    /// </summary>
    public List<RegisteredWait> Snapshot()
    {
        var waits = new List<RegisteredWait>();
        if (UnavailableReason is not null || _head!.GetValue(_pool) is null)
        {
            return waits;
        }

        var handles = new List<RegisteredWaitHandle>();
        _acquire!();
        try
        {
            for (var node = _head.GetValue(_pool); node is not null; node = _nodeNext!.GetValue(node))
            {
                var thread = _nodeThread!.GetValue(node);
                if (thread is null || _registered!.GetValue(thread) is not RegisteredWaitHandle[] registered)
                {
                    continue;
                }

                // A wait being removed is gone: a one-shot wait that was signalled, whose callback may already have run.
                var removing = _pendingRemoves!.GetValue(thread) as RegisteredWaitHandle[];
                var removingCount = removing is null ? 0 : Math.Min((int)_pendingCount!.GetValue(thread)!, removing.Length);
                var count = Math.Min((int)_count!.GetValue(thread)!, registered.Length);
                for (var i = 0; i < count; i++)
                {
                    if (registered[i] is { } handle && (removingCount == 0 || Array.IndexOf(removing!, handle, 0, removingCount) < 0))
                    {
                        handles.Add(handle);
                    }
                }
            }
        }
        finally
        {
            _release!();
        }

        var now = Environment.TickCount;
        foreach (var handle in handles)
        {
            if ((bool)_unregisterCalled!.GetValue(handle)! || _callbackHelper!.GetValue(handle) is not { } helper)
            {
                continue;
            }

            var timeout = (int)_timeout!.GetValue(handle)!;
            TimeSpan? remaining = timeout < 0 ? null : TimeSpan.FromMilliseconds(Math.Max(0, (int)_timeoutTime!.GetValue(handle)! - now));
            waits.Add(new RegisteredWait(
                handle,
                _callback!.GetValue(helper) as WaitOrTimerCallback,
                _context!.GetValue(helper) as ExecutionContext,
                (bool)_repeating!.GetValue(handle)!,
                timeout < 0 ? null : TimeSpan.FromMilliseconds(timeout),
                remaining));
        }

        return waits;
    }
}

/// <summary>One registered wait as read from the runtime: the handle, its callback, the context it captured and its time-out.</summary>
internal readonly record struct RegisteredWait(
    RegisteredWaitHandle Handle,
    WaitOrTimerCallback? Callback,
    ExecutionContext? Context,
    bool Repeating,
    TimeSpan? Timeout,
    TimeSpan? UntilTimeout);
