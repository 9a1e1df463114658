using System.Linq;
using FluentAssertions;
using LeakCheck.Xunit.Scenarios;
using LeakCheck.Xunit.Scenarios.AssemblyLevel;
using LeakCheck.Xunit.Tests.Infrastructure;
using Xunit;

namespace LeakCheck.Xunit.Tests;

public class AttributeTests
{
    [Fact]
    public void Method_level_attribute_checks_only_that_method()
    {
        var results = ScenarioRunner.Run(leakCheckFramework: true, typeof(MethodLevelAttribute));

        results.Select(r => (r.DisplayName, r.Outcome)).Should().Equal(
            ("LeakCheck.Xunit.Scenarios.MethodLevelAttribute.Checked_method_leaks", ScenarioOutcome.Failed),
            ("LeakCheck.Xunit.Scenarios.MethodLevelAttribute.Unchecked_method_leaks_unnoticed", ScenarioOutcome.Passed));
    }

    [Fact]
    public void Assembly_level_attribute_checks_every_test_of_the_assembly()
    {
        var results = ScenarioRunner.Run(leakCheckFramework: true, typeof(CheckedByAssemblyAttribute));

        results.Select(r => (r.DisplayName, r.Outcome)).Should().Equal(
            ("LeakCheck.Xunit.Scenarios.AssemblyLevel.CheckedByAssemblyAttribute.Clean", ScenarioOutcome.Passed),
            ("LeakCheck.Xunit.Scenarios.AssemblyLevel.CheckedByAssemblyAttribute.Leaks", ScenarioOutcome.Failed));
        results[1].Failure.Should().Contain("[1] Tracked object \"kept by static\" (System.Object)");
    }

    [Fact]
    public void Warn_mode_passes_the_test_and_writes_the_report_to_its_output()
    {
        var result = ScenarioRunner.Run(leakCheckFramework: true, typeof(WarnModeScenarios)).Single();

        result.Outcome.Should().Be(ScenarioOutcome.Passed);
        ReportText.Normalize(result.Output).Should().Be(
            """
            LeakCheck (warn mode: the test keeps its outcome):
            LeakCheck: 1 item created by LeakCheck.Xunit.Scenarios.WarnModeScenarios.Leak_is_reported_in_output is still alive after the test (settled in N ms; forced GCs: 1 gen1, 2 full).

            [1] Tracked object "warned" (LeakCheck.Xunit.Scenarios.Session)
                created at:
                  LeakCheck.Xunit.Scenarios.WarnModeScenarios.Leak_is_reported_in_output() in AttributePlacementScenarios.cs:line N
                fingerprint: c8c7b0f7

            To accept a known leak, list its fingerprint in IgnoreFingerprints, for example [NoLeaks(IgnoreFingerprints = new[] { "c8c7b0f7" })]; see README "Ignoring known leaks".
            """);
    }

    [Fact]
    public void Off_mode_does_no_check_at_all()
    {
        var result = ScenarioRunner.Run(leakCheckFramework: true, typeof(OffModeScenarios)).Single();

        result.Outcome.Should().Be(ScenarioOutcome.Passed);
        result.Output.Should().BeEmpty();
    }

    [Fact]
    public void Invalid_options_fail_the_test_with_every_problem_listed()
    {
        var result = ScenarioRunner.Run(leakCheckFramework: true, typeof(InvalidOptionsScenarios)).Single();

        result.Outcome.Should().Be(ScenarioOutcome.Failed);
        result.Failure.Should().Be(
            """
            LeakCheck.LeakCheckConfigurationException : LeakCheck configuration is invalid ([NoLeaks] on LeakCheck.Xunit.Scenarios.InvalidOptionsScenarios.Test):
            - SettleTimeout must be greater than zero and at most 00:05:00 (was -00:00:00.0050000).
            - MaxReportedItems must be greater than zero (was 0).
            - IgnoreFingerprints entry "nope" is not a fingerprint (eight hexadecimal digits, as printed in a report).
            """);
    }

    [Fact]
    public void Long_report_is_cut_and_says_how_many_items_are_not_shown()
    {
        var result = ScenarioRunner.Run(leakCheckFramework: true, typeof(ManyLeaksScenarios)).Single();

        result.Outcome.Should().Be(ScenarioOutcome.Failed);
        ReportText.Normalize(result.Failure).Should().Be(
            """
            LeakCheck.LeakDetectedException : LeakCheck: 3 items created by LeakCheck.Xunit.Scenarios.ManyLeaksScenarios.Three_leaks_two_shown are still alive after the test (settled in N ms; forced GCs: 1 gen1, 2 full).

            [1] Tracked object "session 0" (LeakCheck.Xunit.Scenarios.Session)
                created at:
                  LeakCheck.Xunit.Scenarios.ManyLeaksScenarios.Three_leaks_two_shown() in AttributePlacementScenarios.cs:line N
                fingerprint: b7acdc04

            [2] Tracked object "session 1" (LeakCheck.Xunit.Scenarios.Session)
                created at:
                  LeakCheck.Xunit.Scenarios.ManyLeaksScenarios.Three_leaks_two_shown() in AttributePlacementScenarios.cs:line N
                fingerprint: bdaf240d

            ... and 1 more item not shown (raise MaxReportedItems, now 2, to see them).

            To accept a known leak, list its fingerprint in IgnoreFingerprints, for example [NoLeaks(IgnoreFingerprints = new[] { "b7acdc04" })]; see README "Ignoring known leaks".
            """);
    }
}
