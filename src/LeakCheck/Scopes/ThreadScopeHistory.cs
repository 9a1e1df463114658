using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Threading;

namespace LeakCheck.Scopes;

/// <summary>
/// Which scope each thread was in, and since when: the last <see cref="Capacity"/> changes of the ambient scope on each
/// thread, stamped with the boot clock (<see cref="Runtime.BootClock"/>, the clock procfs times count on), keyed by the thread's OS id. It answers "whose context was this
/// thread in at that time?" for what the runtime creates without any event or captured context, but whose creating
/// thread and time the OS knows: a child process (procfs names the thread that forked it and when, to 10 ms).
/// </summary>
/// <remarks>
/// Written only by the thread itself (from the ambient scope's change handler: a timestamp and two array writes), read
/// by checks. Holds scope ids, never scopes. A thread's first change costs one procfs read for its OS id.
/// </remarks>
internal sealed class ThreadScopeHistory
{
    public const int Capacity = 64;

    /// <summary>The shortest stay in a scope that can contain a process start (seconds).</summary>
    public const double MinimumStay = 0.000_05;

    private static readonly ConcurrentDictionary<int, ThreadScopeHistory> s_byOsThread = new();

    // Scopes begun and not finished: an exited thread's history is kept while one of them is in it (a child process it
    // forked may still be looked up for them), and dropped afterwards.
    private static readonly ConcurrentDictionary<long, byte> s_unfinished = new();
    private static readonly object s_pruneLock = new();
    private static int s_pruneAt = MinimumPruneAt;
    private const int MinimumPruneAt = 1024;

    [ThreadStatic]
    private static ThreadScopeHistory? t_current;

    [ThreadStatic]
    private static bool t_unavailable;

    private readonly long[] _times = new long[Capacity];
    private readonly long[] _scopes = new long[Capacity];
    private int _count;

    /// <summary>Records that the current thread's ambient scope is now <paramref name="scope"/> (null: none).</summary>
    public static void Record(ScopeState? scope)
    {
        var history = t_current;
        if (history is null)
        {
            if (t_unavailable)
            {
                return;
            }

            if (Runtime.OsThreads.CurrentThreadId() is not { } osThread)
            {
                t_unavailable = true;
                return;
            }

            history = t_current = new ThreadScopeHistory();
            s_byOsThread[osThread] = history;
        }

        var slot = history._count % Capacity;
        history._scopes[slot] = scope?.Id ?? 0;
        System.Threading.Volatile.Write(ref history._times[slot], Runtime.BootClock.Now());
        System.Threading.Volatile.Write(ref history._count, history._count + 1);
    }

    /// <summary>Gets how many threads' histories are kept (live threads, and exited ones an unfinished scope may still ask about).</summary>
    public static int Count => s_byOsThread.Count;

    /// <summary>Gets how many kept histories make the next scope to finish prune them.</summary>
    public static int PruneAt => Volatile.Read(ref s_pruneAt);

    /// <summary>Whether a history of the OS thread is kept.</summary>
    public static bool IsKept(int osThread) => s_byOsThread.ContainsKey(osThread);

    /// <summary>Called when a scope begins: histories that hold it are kept until it finishes.</summary>
    public static void ScopeBegan(long scopeId) => s_unfinished.TryAdd(scopeId, 0);

    /// <summary>
    /// Called when a scope's check is over: once the kept histories have doubled since the last pruning, the histories
    /// of exited threads that hold no unfinished scope are dropped (one listing of the process's threads). A test
    /// framework that runs continuations on new threads (xUnit v2 starts a thread per posted continuation) would
    /// otherwise leave a history behind for every thread it ever started.
    /// </summary>
    public static void ScopeFinished(long scopeId)
    {
        s_unfinished.TryRemove(scopeId, out _);
        if (s_byOsThread.Count >= Volatile.Read(ref s_pruneAt))
        {
            Prune(onlyIfLarge: true);
        }
    }

    /// <summary>Drops the histories of exited threads that hold no unfinished scope (now, or only once they have doubled).</summary>
    /// <param name="onlyIfLarge">True to prune only when the kept histories have doubled since the last pruning.</param>
    public static void Prune(bool onlyIfLarge = false)
    {
        lock (s_pruneLock)
        {
            if (onlyIfLarge && s_byOsThread.Count < s_pruneAt)
            {
                return;
            }

            HashSet<int> live;
            try
            {
                live = Runtime.OsThreads.Instance.ThreadIds();
            }
            catch (Exception ex) when (ex is System.IO.IOException or UnauthorizedAccessException)
            {
                // Kept as they are; the next pruning tries again.
                Volatile.Write(ref s_pruneAt, s_byOsThread.Count * 2);
                return;
            }

            foreach (var (osThread, history) in s_byOsThread)
            {
                if (!live.Contains(osThread) && !history.HoldsUnfinished())
                {
                    s_byOsThread.TryRemove(new KeyValuePair<int, ThreadScopeHistory>(osThread, history));
                }
            }

            Volatile.Write(ref s_pruneAt, Math.Max(MinimumPruneAt, s_byOsThread.Count * 2));
        }
    }

    private bool HoldsUnfinished()
    {
        var count = Math.Min(Volatile.Read(ref _count), Capacity);
        for (var i = 0; i < count; i++)
        {
            if (_scopes[i] != 0 && s_unfinished.ContainsKey(_scopes[i]))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// Returns the ids of the scopes the OS thread was in at some moment between <paramref name="from"/> and
    /// <paramref name="to"/> (boot-clock seconds): empty when it was in none, null when its history does not reach back
    /// that far (what it was in is unknown).
    /// </summary>
    public static List<long>? ScopesAt(int osThread, double from, double to)
    {
        var found = new List<long>();
        if (!s_byOsThread.TryGetValue(osThread, out var history))
        {
            return found;
        }

        var count = System.Threading.Volatile.Read(ref history._count);
        var oldest = Math.Max(0, count - Capacity);
        const double frequency = 1e9;
        if (count > Capacity && System.Threading.Volatile.Read(ref history._times[oldest % Capacity]) / frequency > from)
        {
            return null;
        }

        for (var i = oldest; i < count; i++)
        {
            var start = System.Threading.Volatile.Read(ref history._times[i % Capacity]) / frequency;
            var end = i + 1 < count ? System.Threading.Volatile.Read(ref history._times[(i + 1) % Capacity]) / frequency : double.MaxValue;
            var scope = history._scopes[i % Capacity];
            // A stay shorter than MinimumStay cannot hold a Process.Start (a fork, an exec and the managed work around
            // them): the scope a thread passed through on its way elsewhere (a test's start, a continuation hop).
            if (end >= from && start <= to && scope != 0 && end - start >= MinimumStay && !found.Contains(scope))
            {
                found.Add(scope);
            }
        }

        return found;
    }
}
