using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Diagnostics;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using LeakCheck.Engine;
using LeakCheck.Reporting;
using LeakCheck.Runtime;
using LeakCheck.Scopes;
using LeakCheck.Stacks;

namespace LeakCheck.Probes.Tasks;

/// <summary>
/// Tasks, async methods (including async void), continuations, blocked channel readers and writers, and
/// async methods abandoned while suspended.
/// </summary>
/// <remarks>
/// Ownership: the creation event runs on the creating thread, where the ambient scope is the owner.
/// Inspection: the runtime's debugger registry (<c>Task.s_currentActiveTasks</c>) maps ids to tasks. It
/// holds strong references, so every owned task is taken out of it (and unowned ones swept out) before
/// settling collects: from then on the probe holds only a weak reference, and an async method that is
/// collected while still suspended is reported as abandoned.
/// </remarks>
internal sealed class TaskProbe : ILeakProbe
{
    private readonly int _slot;
    private readonly TaskRegistry _registry = TaskRegistry.Instance;
    private readonly InfrastructureCreations _infrastructure = new(TaskRegistry.Instance);
    private readonly ConcurrentDictionary<int, TaskRecord> _records = new();
    private readonly object _startLock = new();
    private readonly Dictionary<int, long> _unownedSince = new();
    private static readonly TimeSpan s_unownedGrace = TimeSpan.FromMilliseconds(100);

    /// <summary>How often at most the registry is swept for entries nobody owns (an entry goes at most this much after its grace).</summary>
    private static readonly TimeSpan s_sweepInterval = TimeSpan.FromMilliseconds(20);

    // When the registry was last swept (under the registry's lock).
    private long _lastSweep;
    private TaskCreationListener? _listener;
    private string? _failure;

    private readonly Func<ScopeState?> _runningTaskOwner;

    public TaskProbe(int slot)
    {
        _slot = slot;
        _runningTaskOwner = RunningTaskOwner;
    }

    public string Name => "tasks";

    /// <summary>Gets what the probe knows of infrastructure creations (for tests).</summary>
    internal InfrastructureCreations Infrastructure => _infrastructure;

    public string? UnavailableReason => _registry.UnavailableReason ?? AsyncMethods.Instance.UnavailableReason ?? _failure;

    public void OnScopeBegin(ScopeState scope)
    {
        StartListening();

        // The registry is on only while a scope is live: it holds every task it registers strongly. Acquired last,
        // so that a scope whose begin failed holds nothing (OnScopeEnd releases exactly what a begun scope took).
        _registry.Acquire();
    }

    private void StartListening()
    {
        if (_listener is not null)
        {
            return;
        }

        lock (_startLock)
        {
            if (_listener is null)
            {
                _listener = TaskCreationListener.Start(this);
                if (!_listener.Enabled)
                {
                    // The runtime creates its TPL event source lazily, on first use: start one task (before the
                    // scope is current, so it is nobody's) to bring it into existence.
                    Task.Factory.StartNew(static () => { }, CancellationToken.None, TaskCreationOptions.None, TaskScheduler.Default).Wait();
                }

                if (!_listener.Enabled)
                {
                    _failure = $"event source {RuntimeEvents.TplEventSource} not found";
                }
            }
        }
    }

    public void OnTaskCreated(int taskId, string operation)
    {
        var scope = AmbientScope.CurrentOrRunningTaskOwner(_runningTaskOwner);
        if (scope is null)
        {
            return;
        }

        var tasks = scope.GetOrCreateSlot(_slot, static () => new ScopeTasks());
        var skipped = _infrastructure.IsInfrastructure(taskId, operation);
        var unwalked = !skipped && scope.TakeUnwalked(operation);
        var stack = skipped || unwalked ? null : tasks.StackFor(operation, skipFrames: 2, unbudgeted: scope.WalkEveryDelay && operation == RuntimeEvents.DelayOperation);
        if (!skipped)
        {
            _infrastructure.Learn(operation, stack);
        }

        if (stack is not null && UserFrames.IsCreatedByInfrastructure(stack))
        {
            // The test framework's own work (xUnit's time-out delay): not the test's, so not recorded at all.
            return;
        }

        var record = new TaskRecord(taskId, operation, scope, stack, scope.NextSequence())
        {
            StackSkipped = skipped,
            StackNotSampled = !skipped && !unwalked && stack is null,
            StartedBy = skipped ? null : StartedBy(scope),
        };
        tasks.Pending[taskId] = record;
        _records[taskId] = record;
    }

    /// <summary>
    /// The creation stacks of the owned task running on this thread and of the tasks it was created in (at most
    /// <see cref="MaxStartedBy"/>), or null when none of the scope's tasks is running here.
    /// </summary>
    public IReadOnlyList<StackTrace>? StartedBy(ScopeState scope)
    {
        if (Task.CurrentId is not { } current || !_records.TryGetValue(current, out var parent) || parent.Owner != scope || parent.CreationStack is null)
        {
            return null;
        }

        var chain = new List<StackTrace>(1 + (parent.StartedBy?.Count ?? 0)) { parent.CreationStack };
        chain.AddRange(parent.StartedBy?.Take(MaxStartedBy - 1) ?? []);
        return chain;
    }

    private const int MaxStartedBy = 4;

    /// <summary>
    /// The live scope owning the task running on this thread, or null: ownership for code that received no execution
    /// context (a <c>Task.Run</c> under <c>SuppressFlow</c> runs the test's delegate without the test's context).
    /// Infrastructure tasks never pass their owner on.
    /// </summary>
    public ScopeState? RunningTaskOwner()
        => Task.CurrentId is { } current && _records.TryGetValue(current, out var running) && !running.StackSkipped && !running.Owner.IsEnded
            ? running.Owner
            : null;

    public void OnTaskCompleted(int taskId)
    {
        if (_records.TryRemove(taskId, out var record))
        {
            record.Completed = true;
            record.Owner.GetSlot<ScopeTasks>(_slot)?.Pending.TryRemove(taskId, out _);
        }
    }

    public void Fail(Exception ex) => Fail($"{ex.GetType().Name}: {ex.Message}");

    /// <summary>Turns the probe off for the rest of the run; the reason is announced in the next report.</summary>
    public void Fail(string reason) => _failure ??= reason;

    public void CollectPending(ScopeState scope, List<PendingItem> pending)
    {
        var tasks = scope.GetSlot<ScopeTasks>(_slot);
        TakeOutOfRegistry(tasks);
        if (tasks is null || tasks.Pending.IsEmpty)
        {
            return;
        }

        // A loop between two awaits (its Task.Delay created, the method not yet suspended on it) is caught
        // mid-step now and then; a few short re-reads give the stable picture instead. Only the test's own
        // work counts: the check's own methods are running right now by definition.
        var found = Snapshot(tasks);
        var reportable = Reportable(found);
        for (var attempt = 0; attempt < TransientRetries && reportable.Any(IsTransient); attempt++)
        {
            Thread.Sleep(1);
            TakeOutOfRegistry(tasks);
            found = Snapshot(tasks);
            reportable = Reportable(found);
        }

        ReleaseAwaitedUnowned(found);
        var live = new Dictionary<int, TaskDescription>();
        foreach (var (record, description, abandoned) in found)
        {
            if (description is not null && !abandoned)
            {
                live[record.TaskId] = description;
            }
        }

        pending.AddRange(reportable.Select(f => ToItem(f.Record, f.Description, f.Abandoned, f.Abandoned ? [] : AwaitChain(f.Description, live))));
    }

    /// <summary>
    /// When an owned method awaits a task, the runtime registers the awaited task too (a TaskCompletionSource's,
    /// a SemaphoreSlim wait's). Nobody owns it, so the sweep would take it out only after the grace period, and
    /// until then the registry keeps the awaiting method alive through the task's continuation: whether a method
    /// nobody can resume was reported as abandoned depended on timing. An awaited task was created before it was
    /// awaited, so an unowned one will never be owned: it is taken out now, before settling collects.
    /// </summary>
    private void ReleaseAwaitedUnowned(List<(TaskRecord Record, TaskDescription? Description, bool Abandoned)> found)
        => _registry.Locked(registry =>
        {
            foreach (var (_, description, _) in found)
            {
                if (description?.AwaitedTaskId is { } awaited && !_records.ContainsKey(awaited) && registry.Remove(awaited))
                {
                    _unownedSince.Remove(awaited);
                }
            }
        });

    private static bool IsTransient((TaskRecord Record, TaskDescription? Description, bool Abandoned) found)
        => !found.Abandoned && (found.Description is null || found.Description is { IsAsyncMethod: true, IsRunning: true });

    private const int TransientRetries = 5;

    private List<(TaskRecord Record, TaskDescription? Description, bool Abandoned)> Snapshot(ScopeTasks tasks)
    {
        var found = new List<(TaskRecord Record, TaskDescription? Description, bool Abandoned)>();
        var runningHere = Task.CurrentId;
        // Enumerated, not .Values: that takes every lock of the dictionary and copies it, on every check.
        foreach (var (_, record) in tasks.Pending)
        {
            if (record.TaskId == runningHere)
            {
                // The delegate task executing this very code: the one that called End synchronously.
                continue;
            }

            var task = record.Task?.Target as Task;
            if (record.Completed || task is { IsCompleted: true })
            {
                OnTaskCompleted(record.TaskId);
                continue;
            }

            if (task is null && record.Task is not null)
            {
                // Collected without completing: only an async method can be abandoned this way.
                found.Add((record, record.LastSeen, record.LastSeen?.IsAsyncMethod == true));
                continue;
            }

            var description = task is null ? null : TaskInspector.Describe(task, _registry);
            if (record.StackSkipped && description is { IsLeakCheckWork: false })
            {
                _infrastructure.Unlearn(record.Operation);
            }

            record.LastSeen = description ?? record.LastSeen;
            found.Add((record, description, false));
        }

        return found;
    }

    public void OnScopeEnd(ScopeState scope)
    {
        var tasks = scope.GetSlot<ScopeTasks>(_slot);
        if (tasks is not null)
        {
            foreach (var id in tasks.Pending.Keys)
            {
                _records.TryRemove(id, out _);
            }

            tasks.Pending.Clear();
        }

        _registry.Release();
    }

    /// <summary>
    /// Takes every entry no live scope owns out of the runtime's registry now, without the grace an entry normally
    /// gets (a task registered just before its creation event). For a caller about to wait for an object to be
    /// collected: nothing LeakCheck caused the runtime to hold may keep it alive.
    /// </summary>
    public void ReleaseUnowned()
        => _registry.Locked(registry =>
        {
            foreach (var id in registry.Keys.Where(id => !_records.ContainsKey(id)).ToList())
            {
                registry.Remove(id);
                _unownedSince.Remove(id);
            }
        });

    /// <summary>
    /// Removes every task of <paramref name="tasks"/> from the runtime's registry (keeping a weak reference)
    /// and sweeps out unowned ones, so that the registry keeps nothing alive that the test left behind.
    /// </summary>
    private void TakeOutOfRegistry(ScopeTasks? tasks)
        => _registry.Locked(registry =>
        {
            if (tasks is not null)
            {
                foreach (var record in tasks.Pending.Values)
                {
                    if (record.Task is null && registry.Remove(record.TaskId, out var task))
                    {
                        record.Task = new WeakReference(task);
                    }
                }
            }

            // The runtime registers a Task.Run task just before it raises the creation event, so an entry that
            // is unowned now may be owned a moment later: it is removed only once it has been seen unowned for
            // a while. The sweep reads every entry of the process's registry (hundreds while a suite runs, most of
            // them the framework's), so checks ending together sweep once per interval, not once each.
            var now = Stopwatch.GetTimestamp();
            if (_lastSweep != 0 && Stopwatch.GetElapsedTime(_lastSweep, now) < s_sweepInterval)
            {
                return;
            }

            _lastSweep = now;
            List<int>? expired = null;
            foreach (var id in registry.Keys)
            {
                if (_records.ContainsKey(id))
                {
                    _unownedSince.Remove(id);
                }
                else if (!_unownedSince.TryGetValue(id, out var since))
                {
                    _unownedSince[id] = now;
                }
                else if (Stopwatch.GetElapsedTime(since, now) > s_unownedGrace)
                {
                    (expired ??= new()).Add(id);
                }
            }

            foreach (var id in expired ?? [])
            {
                registry.Remove(id);
                _unownedSince.Remove(id);
            }

            if (_unownedSince.Count > registry.Count)
            {
                // Entries the runtime removed itself (their tasks completed) are forgotten too.
                foreach (var id in _unownedSince.Keys.Where(id => !registry.ContainsKey(id)).ToList())
                {
                    _unownedSince.Remove(id);
                }
            }
        });

    private static List<(TaskRecord Record, TaskDescription? Description, bool Abandoned)> Reportable(
        List<(TaskRecord Record, TaskDescription? Description, bool Abandoned)> found)
    {
        // LeakCheck's own work and the methods awaiting it (the one ending the scope) are not the test's, and a
        // method running on this thread is the one that called End synchronously. Proxies (Unwrap, WhenAll) and
        // library work (the iterator behind ReadAllAsync, Parallel.ForEachAsync) stand for the user's work and
        // are reported only when nothing of the user's is pending. What a task awaits is reported inside it, not
        // again on its own, as long as the awaiting task is itself shown or covered by one that is: a user
        // method awaited only by hidden library work is the user's leak and is reported.
        var onThisStack = found.Any(f => f.Description is { IsAsyncMethod: true, IsRunning: true, IsLeakCheckWork: false }) ? StateMachinesOnThisStack() : [];
        bool IsOwnWork(TaskDescription? d) => d is { IsLeakCheckWork: true } || (d is { IsRunning: true, StateMachine: { } machine } && onThisStack.Contains(machine));

        var hasRealWork = found.Any(f => f.Description is not { IsProxy: true });
        var hasUserWork = found.Any(f => f.Description is not ({ IsProxy: true } or { IsLibraryWork: true }));
        bool IsStandIn(TaskDescription? d) => (d is { IsProxy: true } && hasRealWork) || (d is { IsLibraryWork: true } && hasUserWork);

        var awaitedBy = new Dictionary<int, List<(int TaskId, TaskDescription Description)>>();
        foreach (var (record, description, _) in found)
        {
            if (description?.AwaitedTaskId is { } awaited)
            {
                if (!awaitedBy.TryGetValue(awaited, out var awaiters))
                {
                    awaitedBy[awaited] = awaiters = [];
                }

                awaiters.Add((record.TaskId, description));
            }
        }

        // Covered: awaited by a task that is shown, is the check's own, or is covered itself. Chains are short and
        // acyclic (a task cannot await itself through others), the depth guard only bounds a corrupt picture.
        bool IsCovered(int taskId, int depth)
            => depth < 64 && awaitedBy.TryGetValue(taskId, out var awaiters)
                && awaiters.Any(a => IsOwnWork(a.Description) || !IsStandIn(a.Description) || IsCovered(a.TaskId, depth + 1));

        var reportable = new List<(TaskRecord Record, TaskDescription? Description, bool Abandoned)>();
        foreach (var (record, description, abandoned) in found)
        {
            if (IsOwnWork(description) || IsStandIn(description) || IsCovered(record.TaskId, 0))
            {
                continue;
            }

            reportable.Add((record, description, abandoned));
        }

        return reportable;
    }

    private static HashSet<Type> StateMachinesOnThisStack()
    {
        var types = new HashSet<Type>();
        foreach (var frame in new StackTrace(false).GetFrames())
        {
            if (frame.GetMethod() is { Name: "MoveNext", DeclaringType: { } type } && typeof(System.Runtime.CompilerServices.IAsyncStateMachine).IsAssignableFrom(type))
            {
                types.Add(type);
            }
        }

        return types;
    }

    private const int MaxAwaitChain = 8;

    /// <summary>
    /// The user's async methods a method waits on, innermost last: where the chain is really stuck (goleak shows the
    /// blocked goroutine's stack; an async chain's "stack" is its awaits). It stops at library and LeakCheck work.
    /// </summary>
    private static List<TaskDescription> AwaitChain(TaskDescription? description, Dictionary<int, TaskDescription> live)
    {
        var chain = new List<TaskDescription>();
        for (var current = description; chain.Count < MaxAwaitChain && current?.AwaitedTaskId is { } awaited
            && live.TryGetValue(awaited, out var inner) && inner is { IsAsyncMethod: true, IsLibraryWork: false, IsLeakCheckWork: false, Waiting: not null };
            current = inner)
        {
            chain.Add(inner);
        }

        return chain;
    }

    private static string[] WithStackNote(TaskRecord record, string[] details)
        => record.StackNotSampled ? [.. details, ScopeTasks.NotCapturedNote] : details;

    private static PendingItem ToItem(TaskRecord record, TaskDescription? description, bool abandoned, List<TaskDescription> chain)
    {
        if (abandoned && description is not null)
        {
            return new PendingItem(LeakKind.AbandonedAsyncMethod, description.Method, SettleHint.None, record.Sequence)
            {
                Details = WithStackNote(record, [$"was {description.Waiting} when it was garbage-collected: it never completes and its finally blocks never run"]),
                CreationStack = record.CreationStack,
                StartedBy = record.StartedBy,
            };
        }

        if (description is null)
        {
            return new PendingItem(LeakKind.Task, "task " + record.Operation, SettleHint.Completion, record.Sequence)
            {
                Details = WithStackNote(record, ["not completed (not inspectable: it was not in the runtime's task registry)"]),
                CreationStack = record.CreationStack,
                StartedBy = record.StartedBy,
            };
        }

        // An async method (a runtime-async one too, which has no state machine) may wait on something only garbage still
        // holds (a channel a collected FileSystemWatcher's finalizer completes): a collection can end it.
        var hint = description.IsAsyncMethod || description.Kind == LeakKind.AsyncMethod ? SettleHint.Collection | SettleHint.Completion : SettleHint.Completion;
        string[]? details = description.Waiting is null ? null : [description.Waiting, .. chain.Select(c => "which is " + c.Waiting)];
        if (record.StackSkipped)
        {
            details = [.. details ?? [], InfrastructureCreations.SkippedNote];
        }

        details = record.StackNotSampled ? WithStackNote(record, details ?? []) : details;

        return new PendingItem(description.Kind, description.Method, hint, record.Sequence)
        {
            Details = details,
            CreationStack = record.CreationStack,
            StartedBy = record.StartedBy,
            Subject = record.Task,

            // A method cannot finish before what it awaits: the chain's latest earliest completion bounds it.
            EarliestCompletion = chain.Select(c => c.EarliestCompletion).Append(description.EarliestCompletion).Max(),
            ReleasesNothing = description.IsDelay,

            // Two Task.Delays nobody awaits are told apart by the method that created them.
            Identity = description.IsDelay ? UserFrames.CreatingMethod(record.CreationStack) : null,
        };
    }
}
