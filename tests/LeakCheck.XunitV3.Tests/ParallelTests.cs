using System.Linq;
using FluentAssertions;
using LeakCheck.XunitV3.Tests.Infrastructure;
using Xunit;

namespace LeakCheck.XunitV3.Tests;

/// <summary>
/// Ownership is per test (execution context): under each of xUnit v3's parallel modes and algorithms a leaky test
/// never fails a clean one running beside it (the scenarios' barrier makes the two overlap, or fails them).
/// </summary>
public class ParallelTests
{
    [Theory]
    [InlineData("collections", "conservative")]
    [InlineData("collections", "aggressive")]
    [InlineData("all", "conservative")]
    [InlineData("all", "aggressive")]
    public void A_leaky_test_fails_alone_while_a_clean_test_runs_beside_it(string mode, string algorithm)
    {
        var run = ScenarioRunner.Run(new ScenarioOptions { ParallelMode = mode, ParallelAlgorithm = algorithm }, "ParallelLeakyClass", "ParallelCleanClass");

        run.Results.Should().HaveCount(2);
        var clean = run.Results[0];
        var leaky = run.Results[1];
        clean.DisplayName.Should().Be("LeakCheck.XunitV3.Scenarios.ParallelCleanClass.Runs_clean_beside_the_leaky_class");
        clean.Outcome.Should().Be(ScenarioOutcome.Passed, clean.Failure);
        leaky.Outcome.Should().Be(ScenarioOutcome.Failed);
        ReportText.Normalize(leaky.Failure).Should().Be(
            """
            LeakCheck.LeakDetectedException : LeakCheck: 1 item created by LeakCheck.XunitV3.Scenarios.ParallelLeakyClass.Leaks_while_the_clean_class_runs is still alive after the test (settled in N ms; forced GCs: 1 gen1, 2 full).

            [1] Tracked object "parallel leak" (LeakCheck.XunitV3.Scenarios.Session)
                created at:
                  LeakCheck.XunitV3.Scenarios.ParallelLeakyClass.Leaks_while_the_clean_class_runs() in ParallelScenarios.cs:line N
                fingerprint: 48e232cf

            To accept a known leak, list its fingerprint in IgnoreFingerprints, for example [NoLeaks(IgnoreFingerprints = new[] { "48e232cf" })]; see README "Ignoring known leaks".
            """);
    }

    [Fact]
    public void A_serial_run_reports_the_same_leaks_as_a_parallel_one()
    {
        var run = ScenarioRunner.Run(new ScenarioOptions { ParallelMode = "none" }, "TrackedObjectScenarios", "LeakyTimers");

        run.Results.Where(r => r.Outcome == ScenarioOutcome.Failed).Select(r => r.DisplayName).Should().Equal(
            "LeakCheck.XunitV3.Scenarios.LeakyTimers.Enabled_System_Timers_Timer",
            "LeakCheck.XunitV3.Scenarios.LeakyTimers.Threading_timer_kept_by_a_static",
            "LeakCheck.XunitV3.Scenarios.TrackedObjectScenarios.Failing_test_that_leaks_keeps_its_own_failure_first",
            "LeakCheck.XunitV3.Scenarios.TrackedObjectScenarios.Theory_rows_are_checked_one_by_one(leak: True)",
            "LeakCheck.XunitV3.Scenarios.TrackedObjectScenarios.Tracked_object_held_by_static_leaks");
        run.Results.Should().HaveCount(11);
    }
}
