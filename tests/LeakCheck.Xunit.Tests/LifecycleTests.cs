using System;
using System.Linq;
using FluentAssertions;
using LeakCheck.Xunit.Scenarios;
using LeakCheck.Xunit.Tests.Infrastructure;
using Xunit;

namespace LeakCheck.Xunit.Tests;

public class LifecycleTests
{
    private static ScenarioResult RunSingle(Type scenario)
        => ScenarioRunner.Run(leakCheckFramework: true, scenario).Single();

    [Fact]
    public void Created_in_constructor_and_released_in_Dispose_is_not_a_leak()
        => RunSingle(typeof(CreatedInConstructorReleasedInDispose)).Outcome.Should().Be(ScenarioOutcome.Passed);

    [Fact]
    public void Created_in_InitializeAsync_and_released_in_DisposeAsync_is_not_a_leak()
    {
        var r = RunSingle(typeof(CreatedInInitializeAsyncReleasedInDisposeAsync));
        r.Outcome.Should().Be(ScenarioOutcome.Passed, r.Failure);
    }

    [Fact]
    public void Object_referenced_only_by_the_test_class_instance_is_not_a_leak()
        => RunSingle(typeof(HeldOnlyByTestClassInstance)).Outcome.Should().Be(ScenarioOutcome.Passed);

    [Fact]
    public void Created_in_constructor_and_left_alive_is_a_leak_of_the_test()
    {
        var result = RunSingle(typeof(CreatedInConstructorNeverReleased));

        result.Outcome.Should().Be(ScenarioOutcome.Failed);
        ReportText.Normalize(result.Failure).Should().Be(
            """
            LeakCheck.LeakDetectedException : LeakCheck: 1 item created by LeakCheck.Xunit.Scenarios.CreatedInConstructorNeverReleased.Test is still alive after the test (settled in N ms; forced GCs: 1 gen1, 2 full).

            [1] Tracked object "connection" (LeakCheck.Xunit.Scenarios.Connection)
                created at:
                  LeakCheck.Xunit.Scenarios.CreatedInConstructorNeverReleased..ctor() in LifecycleScenarios.cs:line N
                fingerprint: 61670454

            To accept a known leak, list its fingerprint in IgnoreFingerprints, for example [NoLeaks(IgnoreFingerprints = new[] { "61670454" })]; see README "Ignoring known leaks".
            """);
    }

    [Fact]
    public void Created_in_InitializeAsync_and_left_alive_is_a_leak_of_the_test()
    {
        var result = RunSingle(typeof(CreatedInInitializeAsyncNeverReleased));

        result.Outcome.Should().Be(ScenarioOutcome.Failed);
        ReportText.Normalize(result.Failure).Should().Be(
            """
            LeakCheck.LeakDetectedException : LeakCheck: 1 item created by LeakCheck.Xunit.Scenarios.CreatedInInitializeAsyncNeverReleased.Test is still alive after the test (settled in N ms; forced GCs: 1 gen1, 2 full).

            [1] Tracked object "connection" (LeakCheck.Xunit.Scenarios.Connection)
                created at:
                  LeakCheck.Xunit.Scenarios.CreatedInInitializeAsyncNeverReleased.InitializeAsync() in LifecycleScenarios.cs:line N
                fingerprint: 61670454

            To accept a known leak, list its fingerprint in IgnoreFingerprints, for example [NoLeaks(IgnoreFingerprints = new[] { "61670454" })]; see README "Ignoring known leaks".
            """);
    }

    [Fact]
    public void Class_and_collection_fixtures_are_never_blamed_on_a_test()
        => RunSingle(typeof(FixturesAreNotBlamedOnTests)).Outcome.Should().Be(ScenarioOutcome.Passed);

    [Fact]
    public void A_test_that_rearms_a_fixtures_timer_does_not_own_it()
    {
        var result = RunSingle(typeof(FixtureTimerRearmedByATest));

        result.Outcome.Should().Be(ScenarioOutcome.Passed, result.Failure);
    }

    [Fact]
    public void A_fixture_worker_started_lazily_under_LeakScope_Unowned_is_not_the_tests()
    {
        var result = RunSingle(typeof(LazyFixtureWorkerStartedUnowned));

        result.Outcome.Should().Be(ScenarioOutcome.Passed, result.Failure);
    }
}
