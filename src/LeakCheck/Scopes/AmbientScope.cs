using System.Runtime.CompilerServices;
using System.Threading;

namespace LeakCheck.Scopes;

/// <summary>
/// The scope that owns what is created now. It lives in the execution context, so it follows the test into
/// async continuations, <c>Task.Run</c>, timers and threads that capture the context.
/// </summary>
internal static class AmbientScope
{
    private static readonly AsyncLocal<ScopeState?> s_current = new(OnValueChanged);
    private static IContextEntryObserver? s_threads;
    private static IPoolContextObserver? s_pool;
    private static readonly ConditionalWeakTable<ExecutionContext, StrongBox<ScopeState?>> s_scopeOf = new();

    /// <summary>Gets the scope that owns what the current code creates, or null outside any live scope.</summary>
    public static ScopeState? Current
    {
        get
        {
            var scope = s_current.Value;
            return scope is null || scope.IsEnded ? null : scope;
        }
    }

    /// <summary>Gets the raw value, ended scopes included (used to restore the parent).</summary>
    public static ScopeState? Raw => s_current.Value;

    /// <summary>
    /// Gets the value <c>LeakScope.Unowned()</c> sets: an ended scope, so that nothing belongs to it, and not null, so
    /// that code running in it is not mistaken for code that received no context at all.
    /// </summary>
    public static ScopeState Nobody { get; } = ScopeState.CreateEnded("(unowned)");

    /// <summary>
    /// Gets the scope that owns what the current code creates, or, when no execution context reached this code at
    /// all (<c>ExecutionContext.SuppressFlow</c>, <c>UnsafeQueueUserWorkItem</c>), the owner of the owned task running
    /// it (asked of <paramref name="runningTaskOwner"/>): work created while an owned task runs is that task owner's.
    /// </summary>
    public static ScopeState? CurrentOrRunningTaskOwner(System.Func<ScopeState?> runningTaskOwner)
    {
        var scope = s_current.Value;
        return scope is null ? runningTaskOwner() : scope.IsEnded ? null : scope;
    }

    public static void Set(ScopeState? scope) => s_current.Value = scope;

    /// <summary>
    /// Gets the raw scope held by a captured execution context (what code running in it would see as <see cref="Raw"/>).
    /// A context never changes, so the answer is kept per context (weakly keyed: it adds nothing to what the context
    /// already holds): a check that reads the same registrations again (a long-lived source, every test) runs no
    /// context switch for them.
    /// </summary>
    public static ScopeState? In(ExecutionContext context)
        => s_scopeOf.GetValue(context, static c =>
        {
            var box = new StrongBox<ScopeState?>();
            ExecutionContext.Run(c, static state => ((StrongBox<ScopeState?>)state!).Value = s_current.Value, box);
            return box;
        }).Value;

    /// <summary>Lets the thread probe hear when a thread's execution context switches into a scope (a thread start among others).</summary>
    public static void EnableThreadStartNotifications(IContextEntryObserver observer) => Volatile.Write(ref s_threads, observer);

    /// <summary>Lets the work-item probe hear when a pool thread's execution context switches into or out of a scope.</summary>
    public static void EnablePoolContextNotifications(IPoolContextObserver observer) => Volatile.Write(ref s_pool, observer);

    /// <summary>Gets or sets a hook the tests use to make the handler fail (null in production).</summary>
    internal static System.Action? TestFault { get; set; }

    // Runs on every execution-context switch that changes the scope (thread-pool work items included): the common
    // path must stay a few comparisons. The runtime ends the process (Environment.FailFast) when a change handler
    // throws, so nothing may escape: a failure turns the observer that failed off, with a notice in the next report.
    private static void OnValueChanged(AsyncLocalValueChangedArgs<ScopeState?> args)
    {
        if (args.PreviousValue != args.CurrentValue)
        {
            RecordHistory(args.CurrentValue);
        }

        if (!args.ThreadContextChanged)
        {
            // Code on a pool thread set the value itself (a scope ending there restores its parent): that thread has
            // left the scope, and no context switch will say so later (returning to the pool restores a context that
            // holds no scope either, which changes nothing). Without this, a check that moved to another thread would
            // count it as still running the scope's work.
            if (args.PreviousValue is { } left && left != args.CurrentValue && Thread.CurrentThread.IsThreadPoolThread
                && Volatile.Read(ref s_pool) is { } explicitPool)
            {
                NotifyPool(explicitPool, left, null);
            }

            return;
        }

        var current = args.CurrentValue;
        var previous = args.PreviousValue;
        if (!Thread.CurrentThread.IsThreadPoolThread)
        {
            if (current is not null && Volatile.Read(ref s_threads) is { } threads)
            {
                NotifyThreadEntered(threads, current);
            }
        }
        else if (Volatile.Read(ref s_pool) is { } pool && previous != current)
        {
            NotifyPool(pool, previous, current);
        }
    }

    private static void RecordHistory(ScopeState? current)
    {
        try
        {
            ThreadScopeHistory.Record(current);
        }
#pragma warning disable CA1031 // Any exception here would end the process; the history is then only incomplete.
        catch (System.Exception)
#pragma warning restore CA1031
        {
        }
    }

    private static void NotifyThreadEntered(IContextEntryObserver threads, ScopeState scope)
    {
        try
        {
            TestFault?.Invoke();
            threads.OnContextEntered(scope);
        }
#pragma warning disable CA1031 // Any exception here would end the process.
        catch (System.Exception ex)
#pragma warning restore CA1031
        {
            Volatile.Write(ref s_threads, null);
            try
            {
                threads.Fail(ex);
            }
#pragma warning disable CA1031
            catch
#pragma warning restore CA1031
            {
                // Nothing more can be done without risking the process.
            }
        }
    }

    private static void NotifyPool(IPoolContextObserver pool, ScopeState? previous, ScopeState? current)
    {
        try
        {
            if (previous is not null)
            {
                pool.OnPoolContextLeft(previous);
            }

            if (current is not null)
            {
                pool.OnPoolContextEntered(current);
            }
        }
#pragma warning disable CA1031 // Any exception here would end the process.
        catch (System.Exception ex)
#pragma warning restore CA1031
        {
            Volatile.Write(ref s_pool, null);
            try
            {
                pool.Fail(ex);
            }
#pragma warning disable CA1031
            catch
#pragma warning restore CA1031
            {
                // Nothing more can be done without risking the process.
            }
        }
    }
}
