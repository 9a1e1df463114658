using System;
using System.Collections.Generic;
using System.Threading;
using LeakCheck.Engine;
using LeakCheck.Runtime;
using LeakCheck.Scopes;

namespace LeakCheck.Probes.Threads;

/// <summary>
/// Threads a scope started (<c>new Thread(...).Start()</c> flows the test's execution context, so the thread's
/// first context switch happens in the scope): pending while they are alive. Thread-pool threads, and the
/// dedicated threads of long-running tasks (the task probe reports those), are not threads the test started.
/// </summary>
/// <remarks>
/// The runtime has no in-process event for a thread start and no way to read another thread's stack, so a
/// thread is reported by its name and kind only: no creation stack, no "where it waits". A thread started with
/// <c>UnsafeStart</c> or under <c>ExecutionContext.SuppressFlow()</c> carries no owner and is not reported.
/// </remarks>
internal sealed class ThreadProbe : ILeakProbe, IContextEntryObserver
{
    /// <summary>Only the first context switch into a scope on a thread can be its start: later ones are never walked.</summary>
    [ThreadStatic]
    private static bool t_checked;

    private readonly int _slot;
    private readonly Lazy<string?> _unavailable;
    private readonly StartingThreads _starting = new();
    private string? _failure;

    public ThreadProbe(int slot)
    {
        _slot = slot;
        _unavailable = new Lazy<string?>(VerifyOutsideAnyScope, LazyThreadSafetyMode.ExecutionAndPublication);
    }

    public string Name => "threads";

    public string? UnavailableReason => _failure ?? _unavailable.Value;

    public void OnScopeBegin(ScopeState scope)
    {
        _starting.Initialize();
        AmbientScope.EnableThreadStartNotifications(this);
    }

    public void OnScopeEnd(ScopeState scope)
    {
    }

    /// <summary>Called on a thread whose context just switched into <paramref name="scope"/>'s.</summary>
    public void OnContextEntered(ScopeState scope)
    {
        if (t_checked)
        {
            return;
        }

        t_checked = true;
        try
        {
            if (scope.IsEnded || _failure is not null || !ThreadStarts.IsThreadStart())
            {
                return;
            }

            var records = scope.GetOrCreateSlot(_slot, static () => new List<ThreadRecord>());
            var thread = Thread.CurrentThread;
            lock (records)
            {
                records.Add(new ThreadRecord(new WeakReference(thread), thread.Name, thread.IsBackground, scope.NextSequence()));
            }
        }
        finally
        {
            // After the record: a check that sees this thread has entered managed code must also see its record.
            _starting.OnEntered();
        }
    }

    public void CollectPending(ScopeState scope, List<PendingItem> pending)
    {
        // A thread that exists but has not run managed code yet may be this scope's (started in the test's last
        // statement): settling waits for it to enter its creator's context, where it is recorded (never a leak itself).
        if (_starting.AnyStarting(scope.Id, out var marksSeen))
        {
            pending.Add(new PendingItem(LeakKind.Thread, "System.Threading.Thread", SettleHint.Completion, long.MaxValue)
            {
                IsProvisional = true,
                ReleasesNothing = true,
                WhenChanged = () => StartingThreads.NextMarkAfter(marksSeen),
            });
        }

        var records = scope.GetSlot<List<ThreadRecord>>(_slot);
        if (records is null)
        {
            return;
        }

        lock (records)
        {
            records.RemoveAll(static r => r.Thread.Target is not Thread { IsAlive: true });
            foreach (var record in records)
            {
                var state = record.IsBackground ? "still running (background thread)" : "still running (foreground thread: it keeps the process alive)";
                // A collection too: a thread often serves an object, and stops when that object, now garbage, is finalized
                // (a FileSystemWatcher nobody disposed and nothing references: its finalizer stops the watcher thread).
                pending.Add(new PendingItem(LeakKind.Thread, "System.Threading.Thread", SettleHint.Collection | SettleHint.Completion, record.Sequence)
                {
                    Name = record.Name,
                    Details = [state],
                    // For heap analysis: what a running thread is doing is read from its stack in a dump.
                    Subject = record.Thread,
                });
            }
        }
    }

    /// <summary>
    /// Turns the probe off for the rest of the run: called when it failed inside the runtime's execution-context
    /// notification, where an exception would end the process.
    /// </summary>
    public void Fail(Exception ex) => _failure ??= "it failed while the runtime notified a context switch: " + ex.GetType().Name;

    /// <summary>The check thread must not be owned by a scope that happens to be current.</summary>
    private static string? VerifyOutsideAnyScope()
    {
        var saved = AmbientScope.Raw;
        AmbientScope.Set(null);
        try
        {
            return ThreadStarts.Verify();
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            return "the thread-start check failed: " + ex.GetType().Name;
        }
        finally
        {
            AmbientScope.Set(saved);
        }
    }

    private sealed record ThreadRecord(WeakReference Thread, string? Name, bool IsBackground, long Sequence);
}
