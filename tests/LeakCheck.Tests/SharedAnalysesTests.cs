using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using FluentAssertions;
using LeakCheck.Retention;
using Xunit;

namespace LeakCheck.Tests;

/// <summary>Failing checks that end together share one analysis (one heap dump) instead of one each.</summary>
public sealed class SharedAnalysesTests
{
    private static readonly TimeSpan s_long = TimeSpan.FromMinutes(1);

    [Fact]
    public async Task Checks_that_ask_while_an_analysis_runs_share_the_next_one_and_each_gets_its_own_part()
    {
        var shared = new SharedAnalyses();
        using var analyzer = new HeldAnalyzer();
        var a = Subjects("a1");
        var b = Subjects("b1", "b2");
        var c = Subjects("c1", "c2", "c3");

        var first = Ask(shared, analyzer, a.Refs, s_long);
        await analyzer.FirstStarted.WaitAsync(s_long);
        var second = Ask(shared, analyzer, b.Refs, s_long);
        await Until(() => shared.Waiting == 1);
        var third = Ask(shared, analyzer, c.Refs, s_long);
        await Until(() => shared.Waiting == 2);
        analyzer.Release();
        var results = await Task.WhenAll(first, second, third);

        analyzer.Requests.Select(r => r.Subjects.Count).Should().Equal(1, 5);
        analyzer.Requests[1].CheckerThreads.Should().HaveCount(2).And.OnlyHaveUniqueItems();
        results.Select(r => string.Join(",", r.Result.Paths.Select(p => p![0]))).Should().Equal("a1", "b1,b2", "c1,c2,c3");
        results.Should().OnlyContain(r => r.Result.UnavailableReason == null);
        shared.AnalysesRun.Should().Be(2);
        GC.KeepAlive(a);
        GC.KeepAlive(b);
        GC.KeepAlive(c);
    }

    [Fact]
    public async Task A_check_whose_limit_passes_while_another_analysis_runs_stops_waiting_and_says_why()
    {
        var shared = new SharedAnalyses();
        using var analyzer = new HeldAnalyzer();
        var a = Subjects("a1");
        var b = Subjects("b1");

        var first = Ask(shared, analyzer, a.Refs, s_long);
        await analyzer.FirstStarted.WaitAsync(s_long);
        // Its limit passes while the first analysis is held: it must give up, not wait for it.
        var (_, late) = await Ask(shared, analyzer, b.Refs, TimeSpan.FromMilliseconds(1));
        var waitingAfter = shared.Waiting;
        analyzer.Release();
        await first;

        late.UnavailableReason.Should().Be("another failing test's analysis was still running after this one's limit of 0 s");
        waitingAfter.Should().Be(0);
        analyzer.Requests.Should().ContainSingle();
        GC.KeepAlive(a);
        GC.KeepAlive(b);
    }

    [Fact]
    public async Task An_analysis_that_throws_gives_every_check_of_its_batch_the_reason()
    {
        var shared = new SharedAnalyses();
        var result = await Ask(shared, new ThrowingAnalyzer(), Subjects("x").Refs, s_long);

        result.Result.UnavailableReason.Should().Be("InvalidOperationException: no dump");
        shared.AnalysesRun.Should().Be(1);
    }

    private static (string[] Targets, WeakReference[] Refs) Subjects(params string[] names)
    {
        var targets = names.Select(n => new string(n.ToCharArray())).ToArray();
        return (targets, [.. targets.Select(t => new WeakReference(t))]);
    }

    // Each check asks from a thread of its own: a check blocks while it waits for its analysis.
    private static Task<(int Thread, RetentionResult Result)> Ask(SharedAnalyses shared, IRetentionAnalyzer analyzer, WeakReference[] subjects, TimeSpan limit)
        => Task.Factory.StartNew(
            () => (Environment.CurrentManagedThreadId, shared.Analyze(analyzer, subjects, limit, null)),
            CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);

    private static async Task Until(Func<bool> condition)
    {
        var giveUp = DateTime.UtcNow + s_long;
        while (!condition())
        {
            DateTime.UtcNow.Should().BeBefore(giveUp, "the condition never held");
            await Task.Delay(1);
        }
    }

    /// <summary>Holds its first analysis until released; answers every subject with its target as the path.</summary>
    private sealed class HeldAnalyzer : IRetentionAnalyzer, IDisposable
    {
        private readonly ManualResetEventSlim _release = new();
        private readonly TaskCompletionSource _firstStarted = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private readonly ConcurrentQueue<RetentionRequest> _requests = new();

        public Task FirstStarted => _firstStarted.Task;

        public List<RetentionRequest> Requests => [.. _requests];

        public void Release() => _release.Set();

        public RetentionResult Analyze(RetentionRequest request)
        {
            _requests.Enqueue(request);
            if (_requests.Count == 1)
            {
                _firstStarted.SetResult();
                _release.Wait();
            }

            return new RetentionResult([.. request.Subjects.Select(s => (IReadOnlyList<string>?)[(string)s.Target!])], null, TimeSpan.FromMilliseconds(1));
        }

        public void Dispose() => _release.Dispose();
    }

    private sealed class ThrowingAnalyzer : IRetentionAnalyzer
    {
        public RetentionResult Analyze(RetentionRequest request) => throw new InvalidOperationException("no dump");
    }
}
