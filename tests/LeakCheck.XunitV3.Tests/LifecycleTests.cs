using System.Linq;
using FluentAssertions;
using LeakCheck.XunitV3.Tests.Infrastructure;
using Xunit;

namespace LeakCheck.XunitV3.Tests;

/// <summary>
/// What the check covers: the assembly fixture begins it before the constructor and ends it after DisposeAsync and
/// Dispose; class, collection and assembly fixtures are created outside any test.
/// </summary>
public class LifecycleTests
{
    private static readonly ScenarioRun s_run = ScenarioRunner.Run(
        "CreatedInConstructorReleasedInDispose", "CreatedInInitializeAsyncReleasedInDisposeAsync", "CreatedInConstructorNeverReleased",
        "CreatedInDisposeNeverReleased", "CreatedInDisposeAsyncNeverReleased", "FixturesAreNotBlamedOnTests", "FixtureTimerRearmedByATest");

    private static ScenarioResult Result(string className, string method = "Test")
        => s_run.Results.Single(r => r.DisplayName == $"LeakCheck.XunitV3.Scenarios.{className}.{method}");

    private static string Report(string className, string method) =>
        $$"""
        LeakCheck.LeakDetectedException : LeakCheck: 1 item created by LeakCheck.XunitV3.Scenarios.{{className}}.Test is still alive after the test (settled in N ms; forced GCs: 1 gen1, 2 full).

        [1] Tracked object "connection" (LeakCheck.XunitV3.Scenarios.Connection)
            created at:
              LeakCheck.XunitV3.Scenarios.{{className}}.{{method}} in LifecycleScenarios.cs:line N
            fingerprint: 045a78ad

        To accept a known leak, list its fingerprint in IgnoreFingerprints, for example [NoLeaks(IgnoreFingerprints = new[] { "045a78ad" })]; see README "Ignoring known leaks".
        """;

    [Fact]
    public void Created_in_constructor_and_released_in_Dispose_is_not_a_leak()
        => Result("CreatedInConstructorReleasedInDispose").Outcome.Should().Be(ScenarioOutcome.Passed);

    [Fact]
    public void Created_in_InitializeAsync_and_released_in_DisposeAsync_is_not_a_leak()
    {
        var result = Result("CreatedInInitializeAsyncReleasedInDisposeAsync");

        result.Outcome.Should().Be(ScenarioOutcome.Passed, result.Failure);
    }

    [Fact]
    public void Created_in_constructor_and_left_alive_is_a_leak_of_the_test()
    {
        var result = Result("CreatedInConstructorNeverReleased");

        result.Outcome.Should().Be(ScenarioOutcome.Failed);
        ReportText.Normalize(result.Failure).Should().Be(Report("CreatedInConstructorNeverReleased", ".ctor()"));
    }

    [Fact]
    public void Created_in_Dispose_and_left_alive_is_a_leak_of_the_test()
    {
        var result = Result("CreatedInDisposeNeverReleased");

        result.Outcome.Should().Be(ScenarioOutcome.Failed);
        ReportText.Normalize(result.Failure).Should().Be(Report("CreatedInDisposeNeverReleased", "Dispose()"));
    }

    [Fact]
    public void Created_in_DisposeAsync_and_left_alive_is_a_leak_of_the_test()
    {
        var result = Result("CreatedInDisposeAsyncNeverReleased");

        result.Outcome.Should().Be(ScenarioOutcome.Failed);
        ReportText.Normalize(result.Failure).Should().Be(Report("CreatedInDisposeAsyncNeverReleased", "DisposeAsync()"));
    }

    [Fact]
    public void Class_collection_and_assembly_fixtures_owning_armed_timers_are_never_blamed_on_a_test()
    {
        var results = s_run.Results.Where(r => r.DisplayName.StartsWith("LeakCheck.XunitV3.Scenarios.FixturesAreNotBlamedOnTests.", System.StringComparison.Ordinal)).ToList();

        results.Should().HaveCount(2).And.OnlyContain(r => r.Outcome == ScenarioOutcome.Passed, string.Join("\n", results.Select(r => r.Failure)));
    }

    [Fact]
    public void A_test_that_rearms_a_fixtures_timer_does_not_own_it()
    {
        var result = Result("FixtureTimerRearmedByATest", "Pokes_the_fixtures_debouncer");

        result.Outcome.Should().Be(ScenarioOutcome.Passed, result.Failure);
    }
}
