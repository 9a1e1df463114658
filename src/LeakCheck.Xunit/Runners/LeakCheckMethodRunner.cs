using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using LeakCheck.Adapters;
using Xunit.Abstractions;
using Xunit.Sdk;

namespace LeakCheck.Xunit.Runners;

/// <summary>
/// Routes the test cases of a [NoLeaks] method to LeakCheck's case runners. Test case types it does not know
/// (custom discoverers) run unchanged, and <see cref="NoLeaksAttribute"/> checks them in attribute mode.
/// </summary>
internal sealed class LeakCheckMethodRunner : XunitTestMethodRunner
{
    private readonly IMessageSink _diagnosticMessageSink;
    private readonly object[] _constructorArguments;
    private readonly CheckPlan? _plan;

    public LeakCheckMethodRunner(ITestMethod testMethod, IReflectionTypeInfo @class, IReflectionMethodInfo method, IEnumerable<IXunitTestCase> testCases,
        IMessageSink diagnosticMessageSink, IMessageBus messageBus, ExceptionAggregator aggregator, CancellationTokenSource cancellationTokenSource,
        object[] constructorArguments)
        : base(testMethod, @class, method, testCases, diagnosticMessageSink, messageBus, aggregator, cancellationTokenSource, constructorArguments)
    {
        _diagnosticMessageSink = diagnosticMessageSink;
        _constructorArguments = constructorArguments;
        _plan = NoLeaksAttribute.PlanFor(@class.Type, method.MethodInfo);
    }

    protected override Task<RunSummary> RunTestCaseAsync(IXunitTestCase testCase)
    {
        if (_plan is null)
        {
            return base.RunTestCaseAsync(testCase);
        }

        var aggregator = new ExceptionAggregator(Aggregator);
        if (testCase.GetType() == typeof(XunitTheoryTestCase))
        {
            return new LeakCheckTheoryTestCaseRunner(_plan, testCase, testCase.DisplayName, testCase.SkipReason, _constructorArguments,
                _diagnosticMessageSink, MessageBus, aggregator, CancellationTokenSource).RunAsync();
        }

        if (testCase.GetType() == typeof(XunitTestCase))
        {
            return new LeakCheckTestCaseRunner(_plan, testCase, testCase.DisplayName, testCase.SkipReason, _constructorArguments,
                testCase.TestMethodArguments, MessageBus, aggregator, CancellationTokenSource).RunAsync();
        }

        return RunUnknownTestCaseAsync(testCase);
    }

    /// <summary>
    /// A test case type of another library (FsCheck's properties, say) runs through its own runner, where only the
    /// attribute's Before/After can check it (xUnit calls them unless that runner replaces its invoker): if they did
    /// not, the run summary says so instead of leaving the test silently unchecked.
    /// </summary>
    private async Task<RunSummary> RunUnknownTestCaseAsync(IXunitTestCase testCase)
    {
        var checkedByAttribute = AttributeMode.Watch();
        var summary = await base.RunTestCaseAsync(testCase).ConfigureAwait(true);
        if (!checkedByAttribute.Value && summary.Total > summary.Skipped)
        {
            LeakCheckHost.ReportUnchecked(testCase.DisplayName,
                $"its test case type {testCase.GetType().FullName} runs outside LeakCheck's test runner and without xUnit's Before/After, "
                + "so [NoLeaks] cannot check it (check it with LeakScope inside the test, or opt it out with [NoLeaks(Enabled = false)])");
        }

        return summary;
    }
}
