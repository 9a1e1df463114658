using System.Collections.Concurrent;
using System.Linq;
using System.Threading;
using FluentAssertions;
using LeakCheck.Runtime;
using LeakCheck.Scopes;
using Xunit;

namespace LeakCheck.Tests;

/// <summary>Histories of exited threads are dropped once no unfinished scope is in them: they do not pile up over a run.</summary>
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

        // Enough threads for the next pruning, each with a history in the finishing scope.
        var finishedIds = StartThreads(System.Math.Max(100, ThreadScopeHistory.PruneAt - ThreadScopeHistory.Count + 100));
        finishedIds.Should().OnlyContain(id => ThreadScopeHistory.IsKept(id));

        finishing.Dispose();

        finishedIds.Should().NotContain(id => ThreadScopeHistory.IsKept(id), "those threads exited and their only scope finished");
        unfinishedIds.Should().OnlyContain(id => ThreadScopeHistory.IsKept(id), "a check of the unfinished scope may still ask whose child a process is");
        unfinished.Dispose();
        earlierIds.Should().NotContain(id => ThreadScopeHistory.IsKept(id));
    }

    // Starts threads in the current scope's context (each records its history when it enters it) and waits for them to exit.
    private static int[] StartThreads(int count)
    {
        var ids = new ConcurrentBag<int>();
        var threads = Enumerable.Range(0, count).Select(_ => new Thread(() => ids.Add(OsThreads.CurrentThreadId()!.Value))).ToList();
        threads.ForEach(t => t.Start());
        threads.ForEach(t => t.Join());
        return [.. ids];
    }
}
