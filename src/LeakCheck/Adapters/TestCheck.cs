using System;
using System.Threading.Tasks;

namespace LeakCheck.Adapters;

/// <summary>
/// One test's check as every adapter runs it: begins the scope, ends it, and turns the report into what a
/// test framework shows (a failure to add to the test's own, or text for the test output).
/// </summary>
internal sealed class TestCheck
{
    private readonly LeakScope _scope;

    private TestCheck(LeakScope scope) => _scope = scope;

    /// <summary>Begins the check, or returns null when there is nothing to do (mode off) or the configuration is invalid.</summary>
    public static TestCheck? Begin(CheckPlan plan, string owner, out Exception? configurationError)
    {
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

    public void AddLeakNotice(string notice) => _scope.AddLeakNotice(notice);

    public async Task<CheckOutcome> EndAsync() => Outcome(await _scope.EndAsync().ConfigureAwait(false));

    public CheckOutcome End() => Outcome(_scope.End());

    /// <summary>Ends the scope without a verdict (the test runner itself failed).</summary>
    public void Abandon() => _scope.Dispose();

    private CheckOutcome Outcome(LeakReport report)
    {
        if (report.HasLeaks && _scope.Mode == LeakCheckMode.Fail)
        {
            return new CheckOutcome(new LeakDetectedException(report), string.Empty);
        }

        if (report.HasLeaks)
        {
            return new CheckOutcome(null, "LeakCheck (warn mode: the test keeps its outcome):\n" + report.Message);
        }

        return new CheckOutcome(null, report.Notices.Count == 0 ? string.Empty : report.Message);
    }
}

/// <summary>What a check adds to a test: a failure, and text for the test output.</summary>
internal sealed record CheckOutcome(Exception? Failure, string Output);
