namespace LeakCheck.Xunit.Tests.Infrastructure;

public enum ScenarioOutcome
{
    Passed,
    Failed,
    Skipped,
}

/// <summary>One test of a scenario class as the real xUnit runner reported it.</summary>
public sealed record ScenarioResult(string DisplayName, ScenarioOutcome Outcome, string Failure, string Output);
