using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using Xunit;
using Xunit.Abstractions;
using Xunit.Sdk;

namespace LeakCheck.Xunit.Tests.Infrastructure;

/// <summary>
/// Runs scenario classes through the real xUnit v2 discovery and execution pipeline, in process, the way
/// xUnit tests its own extensibility: either with LeakCheck's test framework or with xUnit's own (attribute mode).
/// </summary>
public static class ScenarioRunner
{
    public static IReadOnlyList<ScenarioResult> Run(bool leakCheckFramework, params Type[] classes)
        => Run(leakCheckFramework, parallel: true, classes);

    public static IReadOnlyList<ScenarioResult> Run(bool leakCheckFramework, bool parallel, params Type[] classes)
    {
        // The outer xUnit runs this test on its own synchronization context (a fixed number of worker threads, all
        // of which may be blocked here waiting for an inner run): the inner run must not post its continuations to
        // it. xunit 2.4 captures the caller's context; later versions do not.
        var outer = SynchronizationContext.Current;
        SynchronizationContext.SetSynchronizationContext(null);
        try
        {
            return RunOutsideContext(leakCheckFramework, parallel, classes);
        }
        finally
        {
            SynchronizationContext.SetSynchronizationContext(outer);
        }
    }

    private static IReadOnlyList<ScenarioResult> RunOutsideContext(bool leakCheckFramework, bool parallel, Type[] classes)
    {
        var assembly = classes[0].Assembly;
        var sink = new CollectingSink();
        using var framework = leakCheckFramework ? new LeakCheckTestFramework(sink) : new XunitTestFramework(sink);
        var names = new HashSet<string>(classes.Select(c => c.FullName!));

        var discoveryOptions = new FrameworkOptions();
        discoveryOptions.SetValue("xunit.discovery.PreEnumerateTheories", (bool?)true);
        using var discoverer = framework.GetDiscoverer(Reflector.Wrap(assembly));
        discoverer.Find(includeSourceInformation: false, sink, discoveryOptions);
        sink.DiscoveryFinished.Wait();
        var testCases = sink.TestCases.Where(tc => names.Contains(tc.TestMethod.TestClass.Class.Name)).ToList();

        var executionOptions = new FrameworkOptions();
        executionOptions.SetValue("xunit.execution.DisableParallelization", (bool?)!parallel);
        executionOptions.SetValue("xunit.execution.MaxParallelThreads", (int?)Math.Max(2, Environment.ProcessorCount));
        using var executor = framework.GetExecutor(assembly.GetName());
        executor.RunTests(testCases, sink, executionOptions);
        if (!sink.ExecutionFinished.Wait(TimeSpan.FromSeconds(60)))
        {
            throw new TimeoutException("The scenario run did not finish within 60 seconds; messages received: " + string.Join(",", sink.Seen));
        }

        return sink.Results
            .Select(r => sink.BeforeAttributes.TryGetValue(r.DisplayName, out var before) ? r with { BeforeAttributes = [.. before] } : r)
            .OrderBy(r => r.DisplayName, StringComparer.Ordinal)
            .ToList();
    }

    private sealed class CollectingSink : LongLivedMarshalByRefObject, IMessageSink
    {
        public ManualResetEventSlim DiscoveryFinished { get; } = new();

        public ManualResetEventSlim ExecutionFinished { get; } = new();

        public ConcurrentBag<ITestCase> TestCases { get; } = new();

        public ConcurrentBag<ScenarioResult> Results { get; } = new();

        public ConcurrentQueue<string> Seen { get; } = new();

        public ConcurrentDictionary<string, ConcurrentQueue<string>> BeforeAttributes { get; } = new();

        public bool OnMessage(IMessageSinkMessage message)
        {
            Seen.Enqueue(message.GetType().Name);
            switch (message)
            {
                case ITestCaseDiscoveryMessage discovered:
                    TestCases.Add(discovered.TestCase);
                    break;
                case IDiscoveryCompleteMessage:
                    DiscoveryFinished.Set();
                    break;
                case IBeforeTestStarting before:
                    BeforeAttributes.GetOrAdd(before.Test.DisplayName, static _ => new()).Enqueue(before.AttributeName);
                    break;
                case ITestPassed passed:
                    Results.Add(new ScenarioResult(passed.Test.DisplayName, ScenarioOutcome.Passed, string.Empty, passed.Output ?? string.Empty));
                    break;
                case ITestFailed failed:
                    Results.Add(new ScenarioResult(failed.Test.DisplayName, ScenarioOutcome.Failed, ExceptionUtility.CombineMessages(failed), failed.Output ?? string.Empty));
                    break;
                case ITestSkipped skipped:
                    Results.Add(new ScenarioResult(skipped.Test.DisplayName, ScenarioOutcome.Skipped, skipped.Reason, string.Empty));
                    break;
                case ITestAssemblyFinished:
                    ExecutionFinished.Set();
                    break;
            }

            return true;
        }
    }
}
