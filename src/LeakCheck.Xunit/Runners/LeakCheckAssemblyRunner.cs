using LeakCheck.Adapters;
using System.Collections.Generic;
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

    private SemaphoreSlim? ParallelSemaphore()
    {
        lock (this)
        {
            if (!_semaphoreResolved)
            {
                _semaphoreResolved = true;
                var max = ExecutionOptions.MaxParallelThreadsOrDefault();
                if (!ExecutionOptions.DisableParallelizationOrDefault() && max > 0
                    && ExecutionOptions.ParallelAlgorithmOrDefault() == ParallelAlgorithm.Conservative)
                {
                    _parallelSemaphore = new SemaphoreSlim(max);
                }
            }

            return _parallelSemaphore;
        }
    }
}
