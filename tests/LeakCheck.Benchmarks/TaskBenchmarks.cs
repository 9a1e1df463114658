using System.Threading.Tasks;
using BenchmarkDotNet.Attributes;

namespace LeakCheck.Benchmarks;

/// <summary>
/// The cost the task probe adds to creating and completing tasks. Each invocation is one "test": 100 tasks
/// (Task.Run plus an async method that suspends once), awaited, with and without a scope around them.
/// Per-task overhead = (scoped - unscoped) / 100. Every task in a fresh scope gets a creation stack (the
/// first 256 of a scope do), so this is the expensive end.
/// </summary>
[MemoryDiagnoser]
public class TaskBenchmarks
{
    private const int TasksPerTest = 100;

    [Benchmark(Baseline = true, Description = "100 tasks, no scope", OperationsPerInvoke = TasksPerTest)]
    public Task Unscoped() => RunTasksAsync();

    /// <summary>Another test in the process uses LeakCheck, this one has no scope: every task still raises the events.</summary>
    [GlobalSetup(Target = nameof(UnscopedWithProbesRunning))]
    public void StartProbes() => LeakScope.Begin("start the probes").Dispose();

    [Benchmark(Description = "100 tasks, no scope, probes running", OperationsPerInvoke = TasksPerTest)]
    public Task UnscopedWithProbesRunning() => RunTasksAsync();

    [Benchmark(Description = "100 tasks in a scope", OperationsPerInvoke = TasksPerTest)]
    public async Task Scoped()
    {
        var scope = LeakScope.Begin("tasks");
        await RunTasksAsync();
        await scope.EndAsync();
    }

    private static async Task RunTasksAsync()
    {
        var tasks = new Task[TasksPerTest];
        for (var i = 0; i < TasksPerTest; i += 2)
        {
            tasks[i] = Task.Run(static () => { });
            tasks[i + 1] = SuspendOnceAsync();
        }

        await Task.WhenAll(tasks);
    }

    private static async Task SuspendOnceAsync() => await Task.Yield();
}

/// <summary>A test that creates 10,000 short tasks, with [NoLeaks]'s scope around it and without (target: at most 2x).</summary>
[MemoryDiagnoser]
public class TenThousandTasksBenchmarks
{
    private const int Count = 10_000;

    [Benchmark(Baseline = true, Description = "10,000 tasks, no check")]
    public Task Unchecked() => RunAsync();

    [Benchmark(Description = "10,000 tasks, [NoLeaks] scope")]
    public async Task Checked()
    {
        var scope = LeakScope.Begin("10k tasks");
        await RunAsync();
        await scope.EndAsync();
    }

    private static Task RunAsync()
    {
        var tasks = new Task[Count];
        for (var i = 0; i < Count; i++)
        {
            tasks[i] = Task.Run(static () => { });
        }

        return Task.WhenAll(tasks);
    }
}
