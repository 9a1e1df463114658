using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Linq;
using System.Threading;

namespace LeakCheck.Retention;

/// <summary>
/// Lets failing checks that end together share one heap dump. A check that asks while no analysis runs analyses at
/// once, alone; checks that ask while one runs wait, and the first of them then analyses for all of them together
/// (their subjects in one request, one dump). N tests failing in parallel cost at most two dumps per burst instead
/// of N. Each waiter keeps its own time limit: past it, it stops waiting and says so.
/// </summary>
internal sealed class SharedAnalyses
{
    private readonly object _gate = new();
    private readonly Queue<Ask> _queue = new();
    private bool _running;

    /// <summary>Gets how many checks are waiting for an analysis to start (for tests).</summary>
    internal int Waiting
    {
        get
        {
            lock (_gate)
            {
                return _queue.Count;
            }
        }
    }

    private long _spentTicks;

    /// <summary>Gets how many analyses ran (for tests).</summary>
    internal int AnalysesRun { get; private set; }

    /// <summary>Gets the time all analyses took together (what the run budget counts; waiting for one is not counted).</summary>
    public TimeSpan Spent => TimeSpan.FromTicks(Interlocked.Read(ref _spentTicks));

    /// <summary>Starts the count of analyses and their time again (tests).</summary>
    internal void Reset()
    {
        Interlocked.Exchange(ref _spentTicks, 0);
        AnalysesRun = 0;
    }

    /// <summary>Analyses <paramref name="subjects"/>, alone or with the subjects of checks that asked meanwhile.</summary>
    /// <returns>This check's part of the result; its <see cref="RetentionResult.Elapsed"/> is the shared analysis's.</returns>
    public RetentionResult Analyze(IRetentionAnalyzer analyzer, IReadOnlyList<WeakReference> subjects, TimeSpan limit, System.IO.TextWriter? trace)
    {
        var ask = new Ask(subjects, limit, Environment.CurrentManagedThreadId);
        bool lead;
        lock (_gate)
        {
            lead = !_running;
            if (lead)
            {
                _running = true;
            }
            else
            {
                _queue.Enqueue(ask);
            }
        }

        using var turn = ask.Turn;
        if (lead)
        {
            RunBatch(analyzer, [ask], trace);
            return ask.Result!;
        }

        // Waits for its batch: led by another check, or handed the lead when the analysis before it ends.
        var clock = Stopwatch.StartNew();
        while (true)
        {
            var remaining = limit - clock.Elapsed;
            if (remaining <= TimeSpan.Zero || !ask.Turn.Wait(remaining))
            {
                lock (_gate)
                {
                    // Still queued: no batch took it, nobody handed it the lead.
                    if (Remove(ask))
                    {
                        return new RetentionResult([], string.Create(System.Globalization.CultureInfo.InvariantCulture,
                            $"another failing test's analysis was still running after this one's limit of {limit.TotalSeconds:0.#} s"), clock.Elapsed);
                    }
                }

                // Taken into a batch or handed the lead at the last moment: its result comes.
                ask.Turn.Wait();
            }

            if (ask.Result is { } result)
            {
                return result;
            }

            // Handed the lead: this check analyses for every check that waits now, itself included.
            List<Ask> batch;
            lock (_gate)
            {
                batch = [ask, .. _queue];
                _queue.Clear();
            }

            RunBatch(analyzer, batch, trace);
            return ask.Result!;
        }
    }

    private void RunBatch(IRetentionAnalyzer analyzer, List<Ask> batch, System.IO.TextWriter? trace)
    {
        try
        {
            var subjects = batch.SelectMany(static a => a.Subjects).ToList();
            // The batch runs within the shortest limit of its members: none of them waits longer than it may.
            var limit = batch.Min(static a => a.Limit);
            RetentionResult shared;
            var started = Stopwatch.GetTimestamp();
            try
            {
                shared = analyzer.Analyze(new RetentionRequest(subjects, limit, trace) { CheckerThreads = [.. batch.Select(static a => a.ThreadId)] });
            }
            catch (Exception ex) when (ex is not OutOfMemoryException)
            {
                shared = new RetentionResult([], $"{ex.GetType().Name}: {ex.Message}", TimeSpan.Zero);
            }

            Interlocked.Add(ref _spentTicks, Stopwatch.GetElapsedTime(started).Ticks);
            AnalysesRun++;
            var offset = 0;
            foreach (var ask in batch)
            {
                ask.Result = Part(shared, offset, ask.Subjects.Count);
                offset += ask.Subjects.Count;
            }
        }
        finally
        {
            foreach (var ask in batch)
            {
                ask.Result ??= new RetentionResult([], "the shared analysis failed", TimeSpan.Zero);
            }

            Ask? next = null;
            lock (_gate)
            {
                if (_queue.Count > 0)
                {
                    next = _queue.Dequeue();
                }
                else
                {
                    _running = false;
                }
            }

            foreach (var ask in batch.Skip(1))
            {
                ask.Turn.Set();
            }

            next?.Turn.Set();
        }
    }

    private static RetentionResult Part(RetentionResult shared, int offset, int count)
    {
        if (shared.UnavailableReason is not null)
        {
            return shared;
        }

        IReadOnlyList<string>?[] paths = [.. Enumerable.Range(offset, count).Select(i => i < shared.Paths.Count ? shared.Paths[i] : null)];
        IReadOnlyList<IReadOnlyList<DumpedFrame>?>? stacks = shared.ThreadStacks is { } all
            ? [.. Enumerable.Range(offset, count).Select(i => i < all.Count ? all[i] : null)]
            : null;
        return new RetentionResult(paths, null, shared.Elapsed) { ThreadStacks = stacks };
    }

    private bool Remove(Ask ask)
    {
        var kept = _queue.Where(a => !ReferenceEquals(a, ask)).ToList();
        if (kept.Count == _queue.Count)
        {
            return false;
        }

        _queue.Clear();
        kept.ForEach(_queue.Enqueue);
        return true;
    }

    private sealed class Ask(IReadOnlyList<WeakReference> subjects, TimeSpan limit, int threadId)
    {
        public IReadOnlyList<WeakReference> Subjects { get; } = subjects;

        public TimeSpan Limit { get; } = limit;

        public int ThreadId { get; } = threadId;

        public ManualResetEventSlim Turn { get; } = new();

        public RetentionResult? Result { get; set; }
    }
}
