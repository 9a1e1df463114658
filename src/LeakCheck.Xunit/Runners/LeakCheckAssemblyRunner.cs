using System;
using System.Collections.Generic;
using LeakCheck.Adapters;
using System.Threading;
using System.Threading.Tasks;
using Xunit;
using Xunit.Abstractions;
using Xunit.Sdk;

namespace LeakCheck.Xunit.Runners;

internal sealed class LeakCheckAssemblyRunner : XunitTestAssemblyRunner
{
    private SemaphoreSlim? _parallelSemaphore;
    private bool _semaphoreResolved;

    public LeakCheckAssemblyRunner(ITestAssembly testAssembly, IEnumerable<IXunitTestCase> testCases, IMessageSink diagnosticMessageSink,
        IMessageSink executionMessageSink, ITestFrameworkExecutionOptions executionOptions)
        : base(testAssembly, testCases, diagnosticMessageSink, executionMessageSink, executionOptions)
    {
    }

    protected override async Task<RunSummary> RunTestCollectionAsync(IMessageBus messageBus, ITestCollection testCollection,
        IEnumerable<IXunitTestCase> testCases, CancellationTokenSource cancellationTokenSource)
    {
        // xUnit's own runner limits concurrent collections with a semaphore under the default (conservative)
        // parallel algorithm; that semaphore is private, so the same limit is applied here.
        var semaphore = ParallelSemaphore();
        if (semaphore is not null)
        {
            await semaphore.WaitAsync(cancellationTokenSource.Token).ConfigureAwait(true);
        }

        try
        {
            return await new LeakCheckCollectionRunner(testCollection, testCases, DiagnosticMessageSink, messageBus, TestCaseOrderer,
                new ExceptionAggregator(Aggregator), cancellationTokenSource).RunAsync().ConfigureAwait(true);
        }
        finally
        {
            semaphore?.Release();
        }
    }

    /// <summary>The run is over: LeakCheck writes its JSON report, the recorded baseline and the run summary.</summary>
    protected override Task BeforeTestAssemblyFinishedAsync()
    {
        LeakCheckHost.CompleteRun();
        return base.BeforeTestAssemblyFinishedAsync();
    }

    public override void Dispose()
    {
        _parallelSemaphore?.Dispose();
        base.Dispose();
    }

    /// <summary>
    /// Whether xUnit limits parallel collections with its conservative algorithm (a semaphore of MaxParallelThreads, the
    /// default from xunit 2.8 on), which this runner replicates because it replaces the base collection step. The
    /// package is built against xunit 2.4.2, which has no parallel algorithms (it limits threads through its
    /// synchronisation context, which the base runner still sets up): the option is read where it exists.
    /// </summary>
    private static bool IsConservative(ITestFrameworkExecutionOptions options)
    {
        var read = s_parallelAlgorithm.Value;
        return read is not null && string.Equals(read.Invoke(null, [options])?.ToString(), "Conservative", StringComparison.Ordinal);
    }

    /// <summary>Gets a value indicating whether the running xunit has the parallel-algorithm option (2.8 and later).</summary>
    internal static bool ReadsParallelAlgorithm => s_parallelAlgorithm.Value is not null;

    private static readonly Lazy<System.Reflection.MethodInfo?> s_parallelAlgorithm = new(static () =>
        typeof(XunitTestAssemblyRunner).Assembly.GetType("TestFrameworkOptionsReadExtensions", throwOnError: false)
            ?.GetMethod("ParallelAlgorithmOrDefault", [typeof(ITestFrameworkExecutionOptions)]));

    private SemaphoreSlim? ParallelSemaphore()
    {
        lock (this)
        {
            if (!_semaphoreResolved)
            {
                _semaphoreResolved = true;
                var max = ExecutionOptions.MaxParallelThreadsOrDefault();
                if (!ExecutionOptions.DisableParallelizationOrDefault() && max > 0 && IsConservative(ExecutionOptions))
                {
                    _parallelSemaphore = new SemaphoreSlim(max);
                }
            }

            return _parallelSemaphore;
        }
    }
}
