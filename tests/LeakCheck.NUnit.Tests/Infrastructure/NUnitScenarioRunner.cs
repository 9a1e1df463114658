using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Linq;
using NUnit.Framework.Api;
using NUnit.Framework.Interfaces;
using NUnit.Framework.Internal;

namespace LeakCheck.NUnit.Tests.Infrastructure;

/// <summary>One NUnit test as NUnit's own runner reported it.</summary>
public sealed record NUnitResult(string FullName, string Outcome, string Message, string Output);

/// <summary>
/// Runs scenario fixtures through NUnit's real framework runner (<see cref="NUnitTestAssemblyRunner"/>), in
/// process, the way NUnit tests its own attributes: load the assembly, filter by fixture, run, collect results.
/// </summary>
public static class NUnitScenarioRunner
{
    private static readonly object s_gate = new();

    public static IReadOnlyList<NUnitResult> Run(params Type[] fixtures) => Run(parallelWorkers: 2, fixtures);

    public static IReadOnlyList<NUnitResult> Run(int parallelWorkers, params Type[] fixtures)
    {
        // NUnit's runner keeps process-wide state while it runs: one run at a time.
        lock (s_gate)
        {
            var runner = new NUnitTestAssemblyRunner(new DefaultTestAssemblyBuilder());
            var settings = new Dictionary<string, object> { ["NumberOfTestWorkers"] = parallelWorkers };
            runner.Load(fixtures[0].Assembly, settings);
            var listener = new Listener();
            var filter = TestFilter.FromXml("<filter><or>" + string.Concat(fixtures.Select(f => $"<class>{f.FullName}</class>")) + "</or></filter>");
            runner.Run(listener, filter);
            return listener.Results.OrderBy(r => r.FullName, StringComparer.Ordinal).ToList();
        }
    }

    private sealed class Listener : ITestListener
    {
        public ConcurrentBag<NUnitResult> Results { get; } = new();

        public void TestStarted(ITest test)
        {
        }

        public void TestFinished(ITestResult result)
        {
            if (!result.Test.IsSuite)
            {
                Results.Add(new NUnitResult(result.Test.FullName, result.ResultState.ToString(), result.Message ?? string.Empty, result.Output ?? string.Empty));
            }
        }

        public void TestOutput(TestOutput output)
        {
        }

        public void SendMessage(TestMessage message)
        {
        }
    }
}
