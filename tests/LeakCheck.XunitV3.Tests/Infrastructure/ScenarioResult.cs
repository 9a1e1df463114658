using System.Collections.Generic;

namespace LeakCheck.XunitV3.Tests.Infrastructure;

public enum ScenarioOutcome
{
    Passed,
    Failed,
    Skipped,
    NotRun,
}

/// <summary>One test of a scenario class as the real xUnit v3 runner reported it (from its XML results).</summary>
public sealed record ScenarioResult(string DisplayName, ScenarioOutcome Outcome, string Failure, string Output, IReadOnlyList<string> Warnings);

/// <summary>A whole scenario run: every test's result, the process's standard output and error, and the JSON reports LeakCheck wrote.</summary>
public sealed record ScenarioRun(IReadOnlyList<ScenarioResult> Results, string StandardOutput, string StandardError, IReadOnlyList<string> JsonReports);
