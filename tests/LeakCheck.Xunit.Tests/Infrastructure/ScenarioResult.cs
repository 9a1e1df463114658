namespace LeakCheck.Xunit.Tests.Infrastructure;

public enum ScenarioOutcome
{
    Passed,
    Failed,
    Skipped,
}

/// <summary>One test of a scenario class as the real xUnit runner reported it.</summary>
public sealed record ScenarioResult(string DisplayName, ScenarioOutcome Outcome, string Failure, string Output)
{
    /// <summary>Gets the before/after attributes xUnit ran around the test (its BeforeTestStarting messages), in order.</summary>
    public System.Collections.Generic.IReadOnlyList<string> BeforeAttributes { get; init; } = [];
}
