using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using LeakCheck.Engine;
using LeakCheck.Ignoring;
using LeakCheck.Run;
using LeakCheck.Probes;
using LeakCheck.Reporting;
using LeakCheck.Scopes;

namespace LeakCheck;

/// <summary>
/// The unit of ownership: whatever is created while a scope is current in the execution context belongs to
/// it, including work started from its async continuations and from threads, tasks and timers that received
/// its context. Ending the scope settles what it owns and reports what is still alive.
/// </summary>
/// <remarks>
/// <para>
/// Ownership comes from the creating code's execution context, not from a before/after difference, so scopes
/// running in parallel (xUnit test classes) never see each other's items.
/// </para>
/// <para>
/// Nesting: a scope begun while another is current owns what is created while it is current (the innermost
/// scope wins), and the outer scope does not report those items. Ending the outer scope does not end the
/// inner one. Work started by a scope keeps that scope as its owner after the scope ended; an ended scope
/// records nothing more.
/// </para>
/// </remarks>
public sealed class LeakScope : IDisposable
{
    private readonly LeakCheckOptions _options;
    private readonly ScopeState? _state;
    private readonly ScopeState? _previous;
    private readonly List<string> _notices;
    private readonly List<string> _leakNotices = [];
    private int _ended;

    private LeakScope(string name, LeakCheckOptions options, LeakCheckMode mode, ScopeState? state, ScopeState? previous, List<string> notices)
    {
        Name = name;
        _options = options;
        Mode = mode;
        _state = state;
        _previous = previous;
        _notices = notices;
    }

    /// <summary>Gets the name of the scope, shown as the owner in reports (usually the test's name).</summary>
    public string Name { get; }

    /// <summary>Gets a copy of the scope's validated options: changing it changes nothing in the scope.</summary>
    public LeakCheckOptions Options => _options.Clone();

    /// <summary>Gets the effective mode: <see cref="LeakCheckOptions.Mode"/> unless <c>LEAKCHECK_MODE</c> overrides it.</summary>
    public LeakCheckMode Mode { get; }

    /// <summary>Gets a value indicating whether the scope has ended.</summary>
    public bool IsEnded => Volatile.Read(ref _ended) != 0;

    /// <summary>Begins a scope and makes it current in the calling execution context.</summary>
    /// <param name="name">The owner name shown in reports.</param>
    /// <param name="options">Settings; null for the defaults.</param>
    /// <returns>The scope; end it with <see cref="End"/>, <see cref="EndAsync"/>, <see cref="Verify"/> or <see cref="VerifyAsync"/>.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="name"/> is null.</exception>
    /// <exception cref="LeakCheckConfigurationException">The options or <c>LEAKCHECK_MODE</c> are invalid; lists every problem.</exception>
    public static LeakScope Begin(string name, LeakCheckOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(name);
        var copy = options?.Clone() ?? new LeakCheckOptions();
        copy.Validate("LeakCheckOptions of scope \"" + name + "\"");
        // Every LEAKCHECK_* variable is checked here, all problems together, before anything else runs.
        var settings = Configuration.LeakCheckSettings.Read();
        settings.ThrowIfInvalid();
        var mode = settings.Mode ?? copy.Mode;
        if (mode == LeakCheckMode.Off)
        {
            return new LeakScope(name, copy, mode, null, null, []);
        }

        // The run's configuration (environment, baseline file) is checked before any probe starts; rules are
        // declared now so that a rule of a clean test is known when the run lists the rules that never matched.
        var run = LeakRun.Current;
        run.OnScopeBegin();
        IgnoreRegistry.EnvironmentRules();
        IgnoreRegistry.DeclareScopeRules(copy);
        if (run.IsRecording && mode == LeakCheckMode.Fail)
        {
            mode = LeakCheckMode.Warn;
        }

        var notices = ProbeRegistry.TakeUnannouncedNotices();
        var previous = AmbientScope.Raw;
        var state = new ScopeState(name, copy, ProbeRegistry.All.Count);
        ScopeIdRanges.Begin(state);
        ThreadScopeHistory.ScopeBegan(state.Id);
        ProbeRegistry.BeginAll(state, notices);
        AmbientScope.Set(state);
        return new LeakScope(name, copy, mode, state, previous, notices);
    }

    /// <summary>
    /// Until the returned object is disposed, what the calling code creates belongs to no scope: tasks, async
    /// methods, timers, threads and tracked objects created in between are never reported, and work they start
    /// inherits that. For shared state that outlives the test and is cleaned up elsewhere, such as a class fixture
    /// that starts its background worker lazily, on first use inside whichever test touches it first.
    /// </summary>
    /// <returns>Dispose it (a <c>using</c> block) to give ownership back to the scope that was current.</returns>
    /// <remarks>
    /// Dispose it in the same method that called this one (across <c>await</c>s is fine): an async method's
    /// changes to the execution context do not reach its caller.
    /// </remarks>
    /// <example>
    /// <code>
    /// public BackgroundWorker Worker
    /// {
    ///     get
    ///     {
    ///         using (LeakScope.Unowned())
    ///         {
    ///             return _worker ??= BackgroundWorker.Start();
    ///         }
    ///     }
    /// }
    /// </code>
    /// </example>
    public static IDisposable Unowned()
    {
        var previous = AmbientScope.Raw;
        AmbientScope.Set(AmbientScope.Nobody);
        return new OwnershipPause(previous);
    }

    /// <summary>Ends the scope, settling synchronously (the calling thread sleeps while it waits).</summary>
    /// <returns>The report; <see cref="LeakReport.HasLeaks"/> says whether anything leaked.</returns>
    /// <exception cref="InvalidOperationException">The scope has already ended.</exception>
    public LeakReport End()
    {
        MarkEnding();
        return EndCoreAsync(synchronous: true).AsTask().GetAwaiter().GetResult();
    }

    /// <summary>Ends the scope, settling asynchronously (no thread is blocked while it waits).</summary>
    /// <returns>The report; <see cref="LeakReport.HasLeaks"/> says whether anything leaked.</returns>
    /// <exception cref="InvalidOperationException">The scope has already ended.</exception>
    public Task<LeakReport> EndAsync()
    {
        MarkEnding();
        return EndCoreAsync(synchronous: false).AsTask();
    }

    /// <summary>Ends the scope and throws when it leaked and its mode is <see cref="LeakCheckMode.Fail"/>.</summary>
    /// <returns>The report (in warn mode it may have leaks).</returns>
    /// <exception cref="LeakDetectedException">The scope leaked.</exception>
    public LeakReport Verify() => ThrowIfFailing(End());

    /// <summary>Ends the scope asynchronously and throws when it leaked and its mode is <see cref="LeakCheckMode.Fail"/>.</summary>
    /// <returns>The report (in warn mode it may have leaks).</returns>
    /// <exception cref="LeakDetectedException">The scope leaked.</exception>
    public async Task<LeakReport> VerifyAsync() => ThrowIfFailing(await EndAsync().ConfigureAwait(false));

    /// <summary>
    /// Ends the scope without a verdict if it has not ended: no settling, no report. Use it to abandon a scope;
    /// use <see cref="End"/> or <see cref="Verify"/> to check it.
    /// </summary>
    public void Dispose()
    {
        if (Interlocked.Exchange(ref _ended, 1) != 0 || _state is null)
        {
            return;
        }

        if (ReferenceEquals(AmbientScope.Raw, _state))
        {
            AmbientScope.Set(_previous);
        }

        ScopeIdRanges.End(_state);
        Finish(_state);
    }

    /// <summary>The first creation of <paramref name="operation"/> in this scope gets no creation stack (the test body: see <see cref="Adapters.CheckPlan.TestBodyOperation"/>).</summary>
    internal void SkipFirstCreationStackOf(string? operation)
    {
        if (_state is not null)
        {
            _state.UnwalkedOperation = operation;
        }
    }

    /// <summary>Every <c>Task.Delay</c> created in this scope gets a creation stack (see <see cref="Adapters.TestCheck.ExpectFrameworkDelay"/>).</summary>
    internal void WalkEveryDelay()
    {
        if (_state is not null)
        {
            _state.WalkEveryDelay = true;
        }
    }

    /// <summary>Adds an object that outlives the scope (a test fixture): the cancellation sources it holds count as long-lived.</summary>
    internal void AddLongLived(object holder)
    {
        if (_state is not null)
        {
            ProbeRegistry.CancellationRegistrations.AddHolder(_state, holder);
        }
    }

    /// <summary>Adds a notice that the report shows when the scope leaked (for example which adapter mode checked the test).</summary>
    internal void AddLeakNotice(string notice) => _leakNotices.Add(notice);

    private static LeakReport ThrowIfFailing(LeakReport report)
        => report.Verdict == LeakVerdict.Fail ? throw new LeakDetectedException(report) : report;

    private static void Finish(ScopeState state)
    {
        state.TryEnd();
        ProbeRegistry.EndAll(state);
        state.Release();
        ThreadScopeHistory.ScopeFinished(state.Id);
    }

    /// <summary>
    /// Ends the scope's ownership in the caller's execution context (this runs outside any async method, so the
    /// change reaches the caller): from here on the caller's new work, and the settler's own waits, are not owned
    /// by the scope. The scope keeps recording what its leftover work creates until the verdict.
    /// </summary>
    private void MarkEnding()
    {
        if (Interlocked.Exchange(ref _ended, 1) != 0)
        {
            throw new InvalidOperationException($"The LeakCheck scope \"{Name}\" has already ended.");
        }

        if (_state is not null)
        {
            // The test's code is done: a thread or process created from now on is not its own.
            ScopeIdRanges.End(_state);
            if (ReferenceEquals(AmbientScope.Raw, _state))
            {
                AmbientScope.Set(_previous);
            }
        }
    }

    private async ValueTask<LeakReport> EndCoreAsync(bool synchronous)
    {
        if (_state is null)
        {
            return new LeakReport(Name, [], 0, TimeSpan.Zero, 0, 0, _notices, _options.MaxReportedItems) { IgnoreHint = _options.IgnoreHint };
        }

        try
        {
            return await CheckPipeline.RunAsync(_state, Mode, synchronous, _notices, _leakNotices).ConfigureAwait(false);
        }
        finally
        {
            Finish(_state);
        }
    }

    private sealed class OwnershipPause(ScopeState? previous) : IDisposable
    {
        private int _disposed;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _disposed, 1) == 0 && ReferenceEquals(AmbientScope.Raw, AmbientScope.Nobody))
            {
                AmbientScope.Set(previous);
            }
        }
    }
}
