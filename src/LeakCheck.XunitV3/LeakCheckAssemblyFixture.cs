using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Threading.Tasks;
using LeakCheck.Adapters;
using Xunit;
using Xunit.v3;

namespace LeakCheck.XunitV3;

/// <summary>
/// The assembly fixture that runs the checks of <see cref="NoLeaksAttribute"/> tests. The LeakCheck.XunitV3 package
/// registers it for the referencing test assembly (<c>[assembly: AssemblyFixture]</c>, from its build props);
/// tests without the attribute run exactly as before.
/// </summary>
/// <remarks>
/// <para>
/// xUnit v3 calls <see cref="OnTestStarting"/> before the test class is constructed, and
/// <see cref="OnTestFinishedAsync"/> after its <c>DisposeAsync</c> and <c>Dispose</c>: the check begins in the first
/// (synchronously, so that the test's execution context carries it into the constructor, the test, and the work
/// they start) and ends in the second. A leak is thrown from there; xUnit adds it after the test's own failure.
/// </para>
/// <para>
/// When the assembly's tests are done (the fixture is disposed), LeakCheck writes its JSON report, a recorded
/// baseline, and the run summary (to standard error: an xUnit v3 test process speaks its protocol on standard output).
/// </para>
/// </remarks>
public sealed class LeakCheckAssemblyFixture : INotifyTestLifecycle, INotifyTestLifecycleAsync, IDisposable
{
    private readonly ConcurrentDictionary<IXunitTest, RunningCheck> _running = new(ReferenceEqualityComparer.Instance);

    /// <summary>Begins the check of a test that a [NoLeaks] applies to.</summary>
    /// <param name="test">The test about to run.</param>
    public void OnTestStarting(IXunitTest test)
    {
        ArgumentNullException.ThrowIfNull(test);
        var plan = NoLeaksAttribute.PlanFor(test.TestMethod.TestClass.Class, test.TestMethod.Method);
        if (plan is null)
        {
            return;
        }

        var check = TestCheck.Begin(plan, test.TestDisplayName, out var configurationError);
        if (check is not null)
        {
            // [Fact(Timeout = ...)]: xUnit races the test against a Task.Delay of its own, created in the test's context.
            if (test.Timeout > 0)
            {
                check.ExpectFrameworkDelay();
            }

            AddFixtures(check, test);
        }

        if (check is not null || configurationError is not null)
        {
            _running[test] = new RunningCheck(check, configurationError);
        }
    }

    /// <summary>Does nothing: the check begins in <see cref="OnTestStarting"/>, whose execution context reaches the test.</summary>
    /// <param name="test">The test about to run.</param>
    /// <returns>A completed task.</returns>
    public ValueTask OnTestStartingAsync(IXunitTest test) => default;

    /// <summary>Ends the check of the test after its class was disposed; the task faults when it leaked (fail mode).</summary>
    /// <param name="test">The test that ran.</param>
    /// <returns>A task that completes when the check is done.</returns>
    /// <remarks>
    /// When settling takes a while, xUnit's continuation (the rest of the run, the class's next test included) runs
    /// from the thread pool instead of on top of this method's frame, so that no creation stack of a later test
    /// shows the adapter.
    /// </remarks>
    public ValueTask OnTestFinishedAsync(IXunitTest test)
    {
        if (!_running.TryRemove(test, out var running))
        {
            return default;
        }

        if (running.ConfigurationError is not null)
        {
            running.Check?.Abandon();
            return ValueTask.FromException(running.ConfigurationError);
        }

        var finished = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        _ = EndAsync(running.Check!, finished);
        return new ValueTask(finished.Task);
    }

    /// <summary>Does nothing: the check ends in <see cref="OnTestFinishedAsync"/>, which xUnit calls first.</summary>
    /// <param name="test">The test that ran.</param>
    public void OnTestFinished(IXunitTest test)
    {
    }

    /// <summary>Abandons checks of tests that never finished, then writes the run's JSON report and summary.</summary>
    public void Dispose()
    {
        foreach (var test in _running.Keys)
        {
            if (_running.TryRemove(test, out var running))
            {
                running.Check?.Abandon();
            }
        }

        LeakCheckHost.CompleteRun();
    }

    /// <summary>
    /// Class, collection and assembly fixtures outlive the test: the cancellation sources they hold (a host's
    /// application lifetime) are long-lived ones. They exist before the test's class is constructed.
    /// </summary>
    private static void AddFixtures(TestCheck check, IXunitTest test)
    {
        var context = TestContext.Current;
        var collection = test.TestCase.TestCollection;
        foreach (var types in new[] { test.TestMethod.TestClass.ClassFixtureTypes, collection.CollectionFixtureTypes, collection.TestAssembly.AssemblyFixtureTypes })
        {
            foreach (var type in types)
            {
                // Created before the test class (never waited for here: one still being created is left out).
                if (type != typeof(LeakCheckAssemblyFixture) && context.GetFixture(type) is { IsCompletedSuccessfully: true } fixture)
                {
                    check.AddLongLived(fixture.Result);
                }
            }
        }
    }

    private static async Task EndAsync(TestCheck check, TaskCompletionSource finished)
    {
        try
        {
            var outcome = await check.EndAsync().ConfigureAwait(false);
            TestOutput.Write(outcome.Output);
            if (outcome.Failure is not null)
            {
                finished.SetException(outcome.Failure);
                return;
            }

            finished.SetResult();
        }
#pragma warning disable CA1031 // Whatever ends the check goes to the test, never to an unobserved task.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            finished.SetException(ex);
        }
    }

    private sealed record RunningCheck(TestCheck? Check, Exception? ConfigurationError);
}
