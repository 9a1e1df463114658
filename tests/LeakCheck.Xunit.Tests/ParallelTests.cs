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
