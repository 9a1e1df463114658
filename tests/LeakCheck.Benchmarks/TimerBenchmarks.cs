using System.Threading;
using BenchmarkDotNet.Attributes;

namespace LeakCheck.Benchmarks;

/// <summary>
/// The cost the timer probe adds to creating and disposing a timer (target: at most 5 µs per timer). Each
/// invocation is one "test" that creates and disposes 100 timers, with and without a scope.
/// </summary>
[MemoryDiagnoser]
public class TimerBenchmarks
{
    private const int TimersPerTest = 100;

    [Benchmark(Baseline = true, Description = "100 timers, no scope", OperationsPerInvoke = TimersPerTest)]
    public void Unscoped() => CreateAndDispose();

    [Benchmark(Description = "100 timers in a scope", OperationsPerInvoke = TimersPerTest)]
    public LeakReport Scoped()
    {
        var scope = LeakScope.Begin("timers");
        CreateAndDispose();
        return scope.End();
    }

    private static void CreateAndDispose()
    {
        for (var i = 0; i < TimersPerTest; i++)
        {
            using var timer = new Timer(static _ => { }, null, 60_000, Timeout.Infinite);
        }
    }
}
