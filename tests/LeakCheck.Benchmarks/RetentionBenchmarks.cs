using System;
using System.Collections.Generic;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Engines;

namespace LeakCheck.Benchmarks;

/// <summary>
/// What retention paths add to a failing test in a process with a ~100 MB live heap (target: at most 2 s):
/// the same failing scope with and without the analysis (one heap dump, ClrMD load, path search).
/// </summary>
[SimpleJob(RunStrategy.ColdStart, launchCount: 1, warmupCount: 1, iterationCount: 5)]
public class RetentionBenchmarks
{
    private static readonly List<object> s_leaks = new();
    private static Node? s_heap;

    [GlobalSetup]
    public void FillHeap()
    {
        // 100,000 linked nodes with a 1 KB payload each: about 100 MB of live objects with references.
        for (var i = 0; i < 100_000; i++)
        {
            s_heap = new Node(new byte[1000], s_heap);
        }

        GC.KeepAlive(s_heap);
    }

    [Benchmark(Baseline = true, Description = "failing scope, no retention paths")]
    public LeakReport Without() => FailingScope(retention: false);

    [Benchmark(Description = "failing scope, retention paths (100 MB heap)")]
    public LeakReport With() => FailingScope(retention: true);

    private static LeakReport FailingScope(bool retention)
    {
        var scope = LeakScope.Begin("failing", new LeakCheckOptions
        {
            SettleTimeout = TimeSpan.FromMilliseconds(50),
            RetentionPaths = retention,
            MaxRetentionAnalyses = int.MaxValue,
        });
        var leaked = new object();
        LeakTracker.Track(leaked, "leaked");
        s_leaks.Add(leaked);
        return scope.End();
    }

    private sealed record Node(byte[] Payload, Node? Next);
}
