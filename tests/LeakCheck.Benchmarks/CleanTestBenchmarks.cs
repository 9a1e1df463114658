using System;
using System.Collections.Generic;
using System.Threading.Tasks;
using BenchmarkDotNet.Attributes;

namespace LeakCheck.Benchmarks;

/// <summary>
/// What one clean test pays for a leak check (issue 7): the same small test with no check, with the naive check
/// other tools do after every test (a forced, blocking, compacting full GC, pending finalizers, another full GC),
/// and inside a LeakCheck scope (Begin, the test, EndAsync), on a small heap and with ~100 MB of live objects.
/// </summary>
/// <remarks>
/// One process per benchmark (BenchmarkDotNet's default), so "no check" runs without LeakCheck's probes. The job
/// is shortened (3 warm-up and 10 measured iterations) because the naive check on the 100 MB heap takes tens of
/// milliseconds per call. MemoryDiagnoser's Gen0/Gen1/Gen2 columns count the collections per 1,000 tests,
/// forced ones included: the naive check forces 2,000 full collections per 1,000 tests, LeakCheck none.
/// </remarks>
[MemoryDiagnoser]
[SimpleJob(launchCount: 1, warmupCount: 3, iterationCount: 10)]
public class CleanTestBenchmarks
{
    private static object[]? s_liveHeap;

    /// <summary>Gets or sets the live heap held in a static while the tests run: 0 or about 100 MB.</summary>
    [Params(0, 100)]
    public int LiveHeapMegabytes { get; set; }

    [GlobalSetup]
    public void FillHeap()
    {
        if (LiveHeapMegabytes == 0)
        {
            return;
        }

        // Many small objects with references, so that a full collection has real marking work:
        // 1,600 arrays of 1,000 small nodes (~64 bytes each) ≈ 100 MB. BenchmarkDotNet's own full collections
        // between iterations promote it to gen2 before anything is measured.
        var chunks = new object[LiveHeapMegabytes * 16];
        for (var i = 0; i < chunks.Length; i++)
        {
            var chunk = new Node[1000];
            Node? previous = null;
            for (var j = 0; j < chunk.Length; j++)
            {
                previous = chunk[j] = new Node(i, j, previous);
            }

            chunks[i] = chunk;
        }

        s_liveHeap = chunks;
    }

    [GlobalCleanup]
    public void ReleaseHeap() => s_liveHeap = null;

    [Benchmark(Baseline = true, Description = "clean test, no check")]
    public Task<int> NoCheck() => CleanTestAsync();

    [Benchmark(Description = "clean test + naive check (compacting full GC, finalizers, full GC)")]
    public async Task<int> NaiveCheck()
    {
        var result = await CleanTestAsync();
        NaiveLeakCheck.AfterTest();
        return result;
    }

    [Benchmark(Description = "clean test in a LeakCheck scope (Begin + test + EndAsync)")]
    public async Task<int> LeakCheckScope()
    {
        var scope = LeakScope.Begin("clean test");
        var result = await CleanTestAsync();
        var report = await scope.EndAsync();
        return report.HasLeaks ? throw new InvalidOperationException(report.Message) : result;
    }

    /// <summary>A small realistic clean test: allocates a little and awaits one short Task.Run.</summary>
    private static async Task<int> CleanTestAsync()
    {
        var list = new List<int>();
        for (var i = 0; i < 100; i++)
        {
            list.Add(i);
        }

        return await Task.Run(() => list.Count);
    }

    private sealed class Node(int chunk, int index, Node? previous)
    {
        public long Chunk { get; } = chunk;

        public long Index { get; } = index;

        public Node? Previous { get; } = previous;

        public object? Payload { get; set; }
    }
}
