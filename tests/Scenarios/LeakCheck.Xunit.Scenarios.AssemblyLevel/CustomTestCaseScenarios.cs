using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Reflection;
using System.Threading;
using System.Threading.Tasks;
using System.ComponentModel;
using System.Linq;
using Xunit;
using Xunit.Abstractions;
using Xunit.Sdk;

namespace LeakCheck.Xunit.Scenarios.AssemblyLevel;

/// <summary>A library's own fact attribute with its own test case type, as FsCheck's [Property] has.</summary>
[XunitTestCaseDiscoverer("LeakCheck.Xunit.Scenarios.AssemblyLevel.LibraryFactDiscoverer", "LeakCheck.Xunit.Scenarios.AssemblyLevel")]
public sealed class LibraryFactAttribute : FactAttribute
{
}

public sealed class LibraryFactDiscoverer(IMessageSink diagnosticMessageSink) : IXunitTestCaseDiscoverer
{
    public IEnumerable<IXunitTestCase> Discover(ITestFrameworkDiscoveryOptions discoveryOptions, ITestMethod testMethod, IAttributeInfo factAttribute)
        => [new LibraryTestCase(diagnosticMessageSink, discoveryOptions.MethodDisplayOrDefault(), discoveryOptions.MethodDisplayOptionsOrDefault(), testMethod)];
}

public sealed class LibraryTestCase : XunitTestCase
{
    [EditorBrowsable(EditorBrowsableState.Never)]
    [System.Obsolete("Called by the de-serializer", error: true)]
    public LibraryTestCase()
    {
    }

    public LibraryTestCase(IMessageSink diagnosticMessageSink, TestMethodDisplay display, TestMethodDisplayOptions options, ITestMethod testMethod)
        : base(diagnosticMessageSink, display, options, testMethod)
    {
    }

    public override Task<RunSummary> RunAsync(IMessageSink diagnosticMessageSink, IMessageBus messageBus, object[] constructorArguments,
        ExceptionAggregator aggregator, CancellationTokenSource cancellationTokenSource)
        => new LibraryTestCaseRunner(this, DisplayName, SkipReason, constructorArguments, TestMethodArguments, messageBus, aggregator, cancellationTokenSource).RunAsync();
}

/// <summary>Runs the test its own way, as FsCheck's property runner does: xUnit's invoker, and so Before/After, never run.</summary>
internal sealed class LibraryTestCaseRunner(IXunitTestCase testCase, string displayName, string skipReason, object[] constructorArguments,
    object[] testMethodArguments, IMessageBus messageBus, ExceptionAggregator aggregator, CancellationTokenSource cancellationTokenSource)
    : XunitTestCaseRunner(testCase, displayName, skipReason, constructorArguments, testMethodArguments, messageBus, aggregator, cancellationTokenSource)
{
    protected override Task<RunSummary> RunTestAsync()
        => new LibraryTestRunner(new XunitTest(TestCase, DisplayName), MessageBus, TestClass, ConstructorArguments, TestMethod, TestMethodArguments,
            SkipReason, BeforeAfterAttributes, new ExceptionAggregator(Aggregator), CancellationTokenSource).RunAsync();
}

internal sealed class LibraryTestRunner(ITest test, IMessageBus messageBus, Type testClass, object[] constructorArguments, MethodInfo testMethod,
    object[] testMethodArguments, string skipReason, IReadOnlyList<BeforeAfterTestAttribute> beforeAfterAttributes, ExceptionAggregator aggregator,
    CancellationTokenSource cancellationTokenSource)
    : XunitTestRunner(test, messageBus, testClass, constructorArguments, testMethod, testMethodArguments, skipReason, beforeAfterAttributes, aggregator, cancellationTokenSource)
{
    protected override Task<decimal> InvokeTestMethodAsync(ExceptionAggregator aggregator)
    {
        var timer = Stopwatch.StartNew();
        aggregator.Run(() => TestMethod.Invoke(Activator.CreateInstance(TestClass), TestMethodArguments));
        return Task.FromResult((decimal)timer.Elapsed.TotalSeconds);
    }
}

/// <summary>Tests of a library's test case type in a [NoLeaks] assembly: LeakCheck's runner cannot run them.</summary>
public class LibraryTestCaseScenarios
{
    [LibraryFact]
    public void Property_of_a_library() => Assert.True(Enumerable.Range(0, 3).All(i => i >= 0));
}

/// <summary>A library's fact whose test case type keeps xUnit's own runner: the attribute's Before/After check it.</summary>
[XunitTestCaseDiscoverer("LeakCheck.Xunit.Scenarios.AssemblyLevel.DerivedFactDiscoverer", "LeakCheck.Xunit.Scenarios.AssemblyLevel")]
public sealed class DerivedFactAttribute : FactAttribute
{
}

public sealed class DerivedFactDiscoverer(IMessageSink diagnosticMessageSink) : IXunitTestCaseDiscoverer
{
    public IEnumerable<IXunitTestCase> Discover(ITestFrameworkDiscoveryOptions discoveryOptions, ITestMethod testMethod, IAttributeInfo factAttribute)
        => [new DerivedTestCase(diagnosticMessageSink, discoveryOptions.MethodDisplayOrDefault(), discoveryOptions.MethodDisplayOptionsOrDefault(), testMethod)];
}

public sealed class DerivedTestCase : XunitTestCase
{
    [EditorBrowsable(EditorBrowsableState.Never)]
    [System.Obsolete("Called by the de-serializer", error: true)]
    public DerivedTestCase()
    {
    }

    public DerivedTestCase(IMessageSink diagnosticMessageSink, TestMethodDisplay display, TestMethodDisplayOptions options, ITestMethod testMethod)
        : base(diagnosticMessageSink, display, options, testMethod)
    {
    }
}

/// <summary>[NoLeaks] on the assembly and on the class: xUnit calls Before twice, the test is checked once.</summary>
[NoLeaks]
public class DerivedTestCaseCheckedByAttribute
{
    [DerivedFact]
    public void Derived_fact() => LeakTracker.Track(new object(), "garbage");
}
