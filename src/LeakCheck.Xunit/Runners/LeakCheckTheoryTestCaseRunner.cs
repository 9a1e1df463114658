using System;
using System.Collections.Generic;
using System.Reflection;
using System.Threading;
using LeakCheck.Adapters;
using Xunit.Abstractions;
using Xunit.Sdk;

namespace LeakCheck.Xunit.Runners;

internal sealed class LeakCheckTheoryTestCaseRunner : XunitTheoryTestCaseRunner
{
    private readonly CheckPlan _plan;

    public LeakCheckTheoryTestCaseRunner(CheckPlan plan, IXunitTestCase testCase, string displayName, string skipReason, object[] constructorArguments,
        IMessageSink diagnosticMessageSink, IMessageBus messageBus, ExceptionAggregator aggregator, CancellationTokenSource cancellationTokenSource)
        : base(testCase, displayName, skipReason, constructorArguments, diagnosticMessageSink, messageBus, aggregator, cancellationTokenSource)
        => _plan = plan;

    protected override XunitTestRunner CreateTestRunner(ITest test, IMessageBus messageBus, Type testClass, object[] constructorArguments,
        MethodInfo testMethod, object[] testMethodArguments, string skipReason, IReadOnlyList<BeforeAfterTestAttribute> beforeAfterAttributes,
        ExceptionAggregator aggregator, CancellationTokenSource cancellationTokenSource)
        => new LeakCheckTestRunner(_plan, test, messageBus, testClass, constructorArguments, testMethod, testMethodArguments, skipReason,
            beforeAfterAttributes, new ExceptionAggregator(aggregator), cancellationTokenSource);
}
