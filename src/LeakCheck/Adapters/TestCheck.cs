using System;
using System.Threading.Tasks;

namespace LeakCheck.Adapters;

/// <summary>
/// One test's check as every adapter runs it: begins the scope, ends it, and turns the report into what a
/// test framework shows (a failure to add to the test's own, or text for the test output).
/// </summary>
public sealed class TestCheck
{
    private readonly LeakScope _scope;

    private TestCheck(LeakScope scope) => _scope = scope;

    /// <summary>Begins the check in the calling execution context, or returns null when there is nothing to do (mode off) or the configuration is invalid.</summary>
    /// <param name="plan">The test's plan (<see cref="CheckPlan.For"/>).</param>
    /// <param name="owner">The test's name, shown as the owner in reports.</param>
    /// <param name="configurationError">Set when the configuration is invalid: fail the test with it.</param>
    /// <returns>The check, or null.</returns>
    /// <remarks>Call it where the test's execution context starts (before the test class is created), so that everything the test creates flows from it.</remarks>
    public static TestCheck? Begin(CheckPlan plan, string owner, out Exception? configurationError)
    {
        ArgumentNullException.ThrowIfNull(plan);
        configurationError = plan.Error;
        if (plan.Options is null)
        {
            return null;
        }

        try
        {
            var scope = LeakScope.Begin(owner, plan.Options);
            if (scope.Mode == LeakCheckMode.Off)
            {
                scope.Dispose();
                return null;
            }

            scope.SkipFirstCreationStackOf(plan.TestBodyOperation);

            return new TestCheck(scope);
        }
        catch (LeakCheckConfigurationException ex)
        {
            configurationError = ex;
            return null;
        }
    }

    /// <summary>
    /// Tells the check that the test framework arms a <c>Task.Delay</c> of its own while the test runs (xUnit's
    /// <c>[Fact(Timeout = ...)]</c>): the creation stack of every <c>Task.Delay</c> in the test is then walked, past the
    /// usual per-operation budget, so that the framework's delay is told apart from the test's own by its stack and is
    /// never reported, however many delays the test created before it.
    /// </summary>
    public void ExpectFrameworkDelay() => _scope.WalkEveryDelay();

    /// <summary>Adds a line the report shows when the test leaked (for example which adapter mode checked the test).</summary>
    /// <param name="notice">The line.</param>
    public void AddLeakNotice(string notice) => _scope.AddLeakNotice(notice);

    /// <summary>
    /// Adds an object that outlives the test (a fixture shared by several tests, the test class instance when the
    /// framework reuses it): callbacks the test registers on cancellation sources it holds, also through the objects it
    /// holds (a host's application lifetime), and never unregisters, are leaks. Held weakly; null is ignored.
    /// </summary>
    /// <param name="instance">The object.</param>
    public void AddLongLived(object? instance)
    {
        if (instance is not null)
        {
            _scope.AddLongLived(instance);
        }
    }

    /// <summary>Ends the check after the test's teardown, settling without blocking a thread.</summary>
    /// <returns>What to add to the test.</returns>
    public async Task<CheckOutcome> EndAsync() => Outcome(await _scope.EndAsync().ConfigureAwait(false));

    /// <summary>Ends the check after the test's teardown, settling synchronously.</summary>
    /// <returns>What to add to the test.</returns>
    public CheckOutcome End() => Outcome(_scope.End());

    /// <summary>Ends the scope without a verdict (the test runner itself failed).</summary>
    public void Abandon() => _scope.Dispose();

    private static CheckOutcome Outcome(LeakReport report) => report.Verdict switch
    {
        LeakVerdict.Fail => new CheckOutcome(LeakVerdict.Fail, new LeakDetectedException(report), string.Empty),
        LeakVerdict.Warn => new CheckOutcome(LeakVerdict.Warn, null, "LeakCheck (warn mode: the test keeps its outcome):\n" + report.Message),
        _ => new CheckOutcome(LeakVerdict.Pass, null, report.Notices.Count == 0 ? string.Empty : report.Message),
    };
}
