using System;
using System.Collections.Concurrent;
using System.Reflection;
using System.Threading;
using LeakCheck.Adapters;
using NUnit.Framework.Interfaces;
using NUnit.Framework.Internal;

namespace LeakCheck.NUnit;

/// <summary>
/// Translates NUnit's lifecycle into begin scope / end scope. The check of the current test lives in an
/// AsyncLocal (NUnit shares one attribute instance across the tests of a fixture, which may run in
/// parallel); the first attribute to begin it owns it, so assembly, fixture and method attributes never
/// check a test twice.
/// </summary>
internal static class NUnitCheck
{
    private static readonly AsyncLocal<Active?> s_active = new();

    public static void Begin(ITest test, object owner)
    {
        if (s_active.Value is not null || test.IsSuite || test.Method?.MethodInfo is not { } method || test.TypeInfo?.Type is not { } fixture)
        {
            return;
        }

        var plan = NoLeaksAttribute.PlanFor(fixture, method);
        if (plan is null)
        {
            return;
        }

        var check = TestCheck.Begin(plan, test.FullName, out var error);
        s_active.Value = new Active(owner, check, error, IsInstancePerTestCase(fixture));
    }

    /// <summary>Completes LeakCheck's run: the JSON report, the recorded baseline and the run summary.</summary>
    public static void EndOfRun() => LeakCheckHost.CompleteRun();

    public static void End(object owner)
    {
        var active = s_active.Value;
        if (active is null || !ReferenceEquals(active.Owner, owner))
        {
            return;
        }

        s_active.Value = null;
        var result = TestExecutionContext.CurrentContext.CurrentResult;
        if (active.Error is not null)
        {
            AddFailure(result, active.Error.Message);
        }

        if (active.Check is null)
        {
            return;
        }

        if (active.InstancePerTestCase)
        {
            ReleaseDisposedInstance(TestExecutionContext.CurrentContext);
        }
        else
        {
            // One fixture instance serves every test of the fixture: sources it holds outlive this test.
            active.Check.AddLongLived(TestExecutionContext.CurrentContext.TestObject);
        }

        var outcome = active.Check.End();
        if (outcome.Failure is not null)
        {
            AddFailure(result, outcome.Failure.Message);
        }

        if (outcome.Output.Length > 0)
        {
            result.OutWriter.WriteLine(outcome.Output);
        }
    }

    /// <summary>Fails the test with <paramref name="message"/>, after the failure it already has (which keeps its state).</summary>
    private static void AddFailure(TestResult result, string message)
    {
        if (result.ResultState.Status == TestStatus.Failed)
        {
            result.SetResult(result.ResultState, result.Message + "\n\n" + message, result.StackTrace);
        }
        else
        {
            result.SetResult(ResultState.Failure, message);
        }
    }

    /// <summary>
    /// With <c>InstancePerTestCase</c>, NUnit keeps the test's (already disposed) fixture instance in the context
    /// and on the test until the next case replaces it; what only that instance references is garbage for the
    /// user and must not be reported, so those references are dropped before settling. Nothing after the
    /// check uses them: the instance was built for this test case alone.
    /// </summary>
    private static void ReleaseDisposedInstance(TestExecutionContext context)
    {
        context.TestObject = null;
        if (context.CurrentTest is Test test)
        {
            test.Fixture = null;
        }
    }

    private static bool IsInstancePerTestCase(Type fixture)
        => (fixture.GetCustomAttribute<global::NUnit.Framework.FixtureLifeCycleAttribute>(inherit: true)
            ?? fixture.Assembly.GetCustomAttribute<global::NUnit.Framework.FixtureLifeCycleAttribute>())?.LifeCycle
            == global::NUnit.Framework.LifeCycle.InstancePerTestCase;

    private sealed record Active(object Owner, TestCheck? Check, Exception? Error, bool InstancePerTestCase);
}
