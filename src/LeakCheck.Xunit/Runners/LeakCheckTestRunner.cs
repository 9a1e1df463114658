using System;
using System.Collections.Generic;
using System.Reflection;
using System.Threading;
using System.Threading.Tasks;
using LeakCheck.Adapters;
using Xunit.Abstractions;
using Xunit.Sdk;

namespace LeakCheck.Xunit.Runners;

/// <summary>
/// Runs one test inside a leak scope. <see cref="XunitTestRunner.InvokeTestAsync"/> covers the test class
/// constructor, InitializeAsync, the before/after attributes, the test, DisposeAsync and Dispose, so the
/// check here runs after disposal. A leak is added to the test's aggregator: a test that already failed keeps
/// its own exception first.
/// </summary>
internal sealed class LeakCheckTestRunner : XunitTestRunner
{
    private readonly CheckPlan _plan;

    public LeakCheckTestRunner(CheckPlan plan, ITest test, IMessageBus messageBus, Type testClass, object[] constructorArguments, MethodInfo testMethod,
        object[] testMethodArguments, string skipReason, IReadOnlyList<BeforeAfterTestAttribute> beforeAfterAttributes, ExceptionAggregator aggregator,
        CancellationTokenSource cancellationTokenSource)
        : base(test, messageBus, testClass, constructorArguments, testMethod, testMethodArguments, skipReason, WithoutNoLeaks(beforeAfterAttributes),
            aggregator, cancellationTokenSource)
        => _plan = plan;

    /// <summary>
    /// Leaves <see cref="NoLeaksAttribute"/> out of the before/after attributes xUnit runs around the test: this runner checks
    /// the test, so the attribute's Before and After would do nothing, and xUnit would still send four messages for each
    /// (before/after starting and finished), each converted and reported by the test runner's adapter.
    /// </summary>
    private static IReadOnlyList<BeforeAfterTestAttribute> WithoutNoLeaks(IReadOnlyList<BeforeAfterTestAttribute> attributes)
    {
        var count = 0;
        foreach (var attribute in attributes)
        {
            count += attribute is NoLeaksAttribute ? 1 : 0;
        }

        if (count == 0)
        {
            return attributes;
        }

        var others = new List<BeforeAfterTestAttribute>(attributes.Count - count);
        foreach (var attribute in attributes)
        {
            if (attribute is not NoLeaksAttribute)
            {
                others.Add(attribute);
            }
        }

        return others;
    }

    protected override async Task<Tuple<decimal, string>> InvokeTestAsync(ExceptionAggregator aggregator)
    {
        AttributeMode.ClaimForFramework();

        // The test runs on a fresh stack instead of on top of xUnit's whole runner chain (assembly, collection,
        // class, method, test case: ~100 frames): every creation stack the test's tasks capture is walked
        // from the top of the thread's stack, so this halves the cost of each one. Yielding before the check begins
        // also keeps this method out of the test's scope (its state machine is created at its first await), so the
        // check does not look into it at every pass.
        await Task.Yield();
        var check = TestCheck.Begin(_plan, Test.DisplayName, out var configurationError);
        if (configurationError is not null)
        {
            aggregator.Add(configurationError);
        }

        if (check is null)
        {
            return await base.InvokeTestAsync(aggregator).ConfigureAwait(true);
        }

        // [Fact(Timeout = ...)]: xUnit races the test against a Task.Delay of its own, created in the test's context.
        if (TestCase.Timeout > 0)
        {
            check.ExpectFrameworkDelay();
        }

        // Class and collection fixtures outlive the test: sources they hold are long-lived ones.
        foreach (var argument in ConstructorArguments)
        {
            check.AddLongLived(argument);
        }

        Tuple<decimal, string> result;
        try
        {
            result = await base.InvokeTestAsync(aggregator).ConfigureAwait(true);
        }
        catch
        {
            check.Abandon();
            throw;
        }

        var outcome = await check.EndAsync().ConfigureAwait(true);
        if (outcome.Failure is not null)
        {
            aggregator.Add(outcome.Failure);
        }

        return outcome.Output.Length == 0
            ? result
            : Tuple.Create(result.Item1, result.Item2.Length == 0 ? outcome.Output : result.Item2 + "\n" + outcome.Output);
    }
}
