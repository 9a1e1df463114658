using FluentAssertions;
using LeakCheck.MSTest.Tests.Infrastructure;
using Xunit;

namespace LeakCheck.MSTest.Tests;

/// <summary>
/// What the check covers: the global hooks begin it before the constructor and end it after TestCleanup and
/// Dispose/DisposeAsync; ClassInitialize and AssemblyInitialize (and their cleanups) run outside any test.
/// </summary>
public class LifecycleTests
{
    private static string Failure(string className, string creator) => Runs.LeakFailure(className,
        $$"""
        LeakCheck: 1 item created by LeakCheck.MSTest.Scenarios.{{className}}.Test is still alive after the test (settled in N ms; forced GCs: 1 gen1, 2 full).

        [1] Tracked object "connection" (LeakCheck.MSTest.Scenarios.Connection)
            created at:
              LeakCheck.MSTest.Scenarios.Lifecycle.Leak() in LifecycleScenarios.cs:line N
              LeakCheck.MSTest.Scenarios.{{className}}.{{creator}} in LifecycleScenarios.cs:line N
            fingerprint: d586cd58

        To accept a known leak, list its fingerprint in IgnoreFingerprints, for example [NoLeaks(IgnoreFingerprints = new[] { "d586cd58" })]; see README "Ignoring known leaks".
        """);

    [Theory]
    [InlineData("CreatedInConstructorReleasedInDispose")]
    [InlineData("CreatedInTestInitializeReleasedInTestCleanup")]
    public void Created_before_the_test_and_released_after_it_is_not_a_leak(string className)
    {
        var result = Runs.Parallel.Result(className);

        result.Outcome.Should().Be("Passed", result.Message);
    }

    [Theory]
    [InlineData("CreatedInConstructorNeverReleased", ".ctor()")]
    [InlineData("CreatedInTestInitializeNeverReleased", "Initialize()")]
    [InlineData("CreatedInTestCleanupNeverReleased", "Cleanup()")]
    [InlineData("CreatedInDisposeNeverReleased", "Dispose()")]
    [InlineData("CreatedInDisposeAsyncNeverReleased", "DisposeAsync()")]
    public void Created_in_the_tests_lifecycle_and_left_alive_is_a_leak_of_the_test(string className, string creator)
    {
        var result = Runs.Parallel.Result(className);

        result.Outcome.Should().Be("Failed");
        ReportText.Normalize(result.Message).Should().Be(Failure(className, creator));
    }

    [Fact]
    public void ClassInitialize_and_ClassCleanup_work_is_never_blamed_on_a_test()
    {
        Runs.Parallel.Result("ClassInitializeIsNotBlamedOnTests", "First").Outcome.Should().Be("Passed");
        Runs.Parallel.Result("ClassInitializeIsNotBlamedOnTests", "Second").Outcome.Should().Be("Passed");
    }

    [Fact]
    public void AssemblyInitialize_work_is_never_blamed_on_a_test()
        => Runs.Parallel.Result("AssemblyInitializeIsNotBlamedOnTests").Outcome.Should().Be("Passed");

    [Fact]
    public void An_object_only_the_test_instance_references_is_reported_because_MSTest_still_holds_the_instance()
    {
        var result = Runs.Parallel.Result("ReferencedOnlyByTheTestInstance");

        result.Outcome.Should().Be("Failed");
        ReportText.Normalize(result.Message).Should().Be(Runs.LeakFailure("ReferencedOnlyByTheTestInstance",
            """
            LeakCheck: 1 item created by LeakCheck.MSTest.Scenarios.ReferencedOnlyByTheTestInstance.Test is still alive after the test (settled in N ms; forced GCs: 1 gen1, 2 full).

            [1] Tracked object "field" (LeakCheck.MSTest.Scenarios.Connection)
                created at:
                  LeakCheck.MSTest.Scenarios.ReferencedOnlyByTheTestInstance..ctor() in LifecycleScenarios.cs:line N
                fingerprint: df08400c

            To accept a known leak, list its fingerprint in IgnoreFingerprints, for example [NoLeaks(IgnoreFingerprints = new[] { "df08400c" })]; see README "Ignoring known leaks".
            """));
    }
}
