using System.Threading.Tasks;
using BenchmarkDotNet.Attributes;

namespace LeakCheck.Benchmarks;

/// <summary>What a clean test pays for [NoLeaks]: a scope that begins and ends with nothing pending (no GC is forced).</summary>
[MemoryDiagnoser]
public class ScopeBenchmarks
{
    [Benchmark(Baseline = true, Description = "no scope")]
    public Task NoScope() => Task.CompletedTask;

    [Benchmark(Description = "clean scope: Begin + EndAsync")]
    public Task<LeakReport> CleanScope() => LeakScope.Begin("clean test").EndAsync();
}
