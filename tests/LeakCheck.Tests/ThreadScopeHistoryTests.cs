using System;
using System.Collections.Concurrent;
using System.Linq;
using System.Threading;
using FluentAssertions;
using LeakCheck.Runtime;
using LeakCheck.Scopes;
using Xunit;

namespace LeakCheck.Tests;

/// <summary>
/// Histories of exited threads are dropped once no unfinished scope is in them: they do not pile up over a run. Alone in
/// its collection: another test's scope ending meanwhile would prune (and move the next pruning) at its own moment.
/// </summary>
[CollectionDefinition(nameof(ThreadScopeHistoryTests), DisableParallelization = true)]
[Collection(nameof(ThreadScopeHistoryTests))]
public sealed class ThreadScopeHistoryTests
{
    private static readonly LeakCheckOptions s_options = new() { RetentionPaths = false };

    [Fact]
    public void Exited_threads_histories_go_once_their_scopes_finished_and_stay_while_one_is_unfinished()
    {
        var earlier = LeakScope.Begin("finished earlier", s_options);
        var earlierIds = StartThreads(4);
        earlier.Dispose();

        // The scope that stays unfinished while the other one ends: its exited threads' histories are still needed.
        var unfinished = LeakScope.Begin("unfinished", s_options);
        var unfinishedIds = StartThreads(4);
        var finishing = LeakScope.Begin("finishing", s_options);
        var finishedIds = StartThreads(4);
        finishedIds.Should().OnlyContain(id => ThreadScopeHistory.IsKept(id));

        // A scope's end prunes once the kept histories have doubled; tests in parallel move that point, so it is forced here.
        finishing.Dispose();
        ThreadScopeHistory.Prune();

        finishedIds.Should().NotContain(id => ThreadScopeHistory.IsKept(id), "those threads exited and their only scope finished");
        earlierIds.Should().NotContain(id => ThreadScopeHistory.IsKept(id));
        unfinishedIds.Should().OnlyContain(id => ThreadScopeHistory.IsKept(id), "a check of the unfinished scope may still ask whose child a process is");
        unfinished.Dispose();
        ThreadScopeHistory.Prune();
        unfinishedIds.Should().NotContain(id => ThreadScopeHistory.IsKept(id));
    }

    [Fact]
    public void A_scope_ending_prunes_once_the_kept_histories_doubled()
    {
        // Enough threads in one scope for the kept histories to reach the next pruning: the scope's own end prunes.
        var scope = LeakScope.Begin("many threads", s_options);
        var ids = StartThreads(Math.Max(100, ThreadScopeHistory.PruneAt - ThreadScopeHistory.Count + 100));
        ThreadScopeHistory.Count.Should().BeGreaterThanOrEqualTo(ThreadScopeHistory.PruneAt);
        scope.Dispose();

        ids.Should().NotContain(id => ThreadScopeHistory.IsKept(id));
        ThreadScopeHistory.PruneAt.Should().BeGreaterThanOrEqualTo(1024);
    }

    // Starts threads in the current scope's context (each records its history when it enters it) and waits for them to exit:
    // Join returns when a thread's managed code is done, and the operating system lists the thread a moment longer.
    private static int[] StartThreads(int count)
    {
        var ids = new ConcurrentBag<int>();
        var threads = Enumerable.Range(0, count).Select(_ => new Thread(() => ids.Add(OsThreads.CurrentThreadId()!.Value))).ToList();
        threads.ForEach(t => t.Start());
        threads.ForEach(t => t.Join());
        SpinWait.SpinUntil(() => !OsThreads.Instance.ThreadIds().Overlaps(ids), TimeSpan.FromSeconds(30))
            .Should().BeTrue("the operating system removes an exited thread from its list");
        return [.. ids];
    }
}
