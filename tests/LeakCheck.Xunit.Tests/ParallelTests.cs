using System.Linq;
using FluentAssertions;
using LeakCheck.Xunit.Scenarios;
using LeakCheck.Xunit.Tests.Infrastructure;
using Xunit;

namespace LeakCheck.Xunit.Tests;

public class ParallelTests
{
    [Fact]
    public void Leaky_class_running_beside_a_clean_class_fails_alone()
    {
        var results = ScenarioRunner.Run(leakCheckFramework: true, parallel: true, typeof(ParallelLeakyClass), typeof(ParallelCleanClass));

        results.Select(r => (r.DisplayName, r.Outcome)).Should().Equal(
            ("LeakCheck.Xunit.Scenarios.ParallelCleanClass.Runs_clean_beside_the_leaky_class", ScenarioOutcome.Passed),
            ("LeakCheck.Xunit.Scenarios.ParallelLeakyClass.Leaks_while_the_clean_class_runs", ScenarioOutcome.Failed));
        results[1].Failure.Should().Contain("[1] Tracked object \"parallel leak\"").And.NotContain("parallel clean");
    }

    [Fact]
    public void Scenarios_give_the_same_verdicts_when_run_serially()
    {
        var results = ScenarioRunner.Run(leakCheckFramework: true, parallel: false, typeof(TrackedObjectScenarios), typeof(CreatedInConstructorNeverReleased));

        results.Where(r => r.Outcome == ScenarioOutcome.Failed).Select(r => r.DisplayName).Should().Equal(
            "LeakCheck.Xunit.Scenarios.CreatedInConstructorNeverReleased.Test",
            "LeakCheck.Xunit.Scenarios.TrackedObjectScenarios.Failing_test_that_leaks_keeps_its_own_failure_first",
            "LeakCheck.Xunit.Scenarios.TrackedObjectScenarios.Theory_rows_are_checked_one_by_one(leak: True)",
            "LeakCheck.Xunit.Scenarios.TrackedObjectScenarios.Tracked_object_held_by_static_leaks");
    }
}

[Collection(nameof(AsyncWorkScenarioRuns))]
public class ParallelAsyncWorkTests
{
    [Fact]
    public void Leaky_async_class_beside_a_busy_clean_async_class_fails_alone()
    {
        var results = ScenarioRunner.Run(leakCheckFramework: true, parallel: true, typeof(ParallelLeakyAsyncClass), typeof(ParallelCleanAsyncClass), typeof(FixtureWorkIsNotBlamed));
        LeakGate.ReleaseAll();

        results.Select(r => (r.DisplayName, r.Outcome)).Should().Equal(
            ("LeakCheck.Xunit.Scenarios.FixtureWorkIsNotBlamed.Test_while_the_fixture_pump_runs", ScenarioOutcome.Passed),
            ("LeakCheck.Xunit.Scenarios.ParallelCleanAsyncClass.Awaits_all_its_work_while_the_other_class_leaks", ScenarioOutcome.Passed),
            ("LeakCheck.Xunit.Scenarios.ParallelLeakyAsyncClass.Leaves_a_loop_running_while_the_other_class_works", ScenarioOutcome.Failed));
        ReportText.Normalize(results[2].Failure).Should().StartWith(
            """
            LeakCheck.LeakDetectedException : LeakCheck: 1 item created by LeakCheck.Xunit.Scenarios.ParallelLeakyAsyncClass.Leaves_a_loop_running_while_the_other_class_works is still alive after the test (settled in N ms; forced GCs: 1 gen1, 2 full).

            [1] Async method LeakCheck.Xunit.Scenarios.ParallelLeakyAsyncClass.Loop(CancellationToken)
                waiting at await #1: Task.Delay
            """);
    }

    [Fact]
    public void Async_work_gets_the_same_verdicts_when_run_serially()
    {
        var serial = ScenarioRunner.Run(leakCheckFramework: true, parallel: false, typeof(LeakyAsyncWork), typeof(CleanAsyncWork), typeof(FixtureWorkIsNotBlamed));
        LeakGate.ReleaseAll();

        serial.Where(r => r.Outcome == ScenarioOutcome.Passed).Select(r => r.DisplayName.Split('.')[^1]).Should().Equal(
            "Awaited_work_is_not_a_leak",
            "Cancelled_delay_is_not_a_leak",
            "Consumer_drains_a_completed_channel_after_the_test",
            "Faulted_task_is_not_a_leak",
            "Released_semaphore_is_not_a_leak",
            "Short_fire_and_forget_finishes_while_settling",
            "Test_while_the_fixture_pump_runs");
        serial.Count(r => r.Outcome == ScenarioOutcome.Failed).Should().Be(13);
    }
}
