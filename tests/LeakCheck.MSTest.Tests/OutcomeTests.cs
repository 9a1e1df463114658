using System.Linq;
using FluentAssertions;
using LeakCheck.MSTest.Tests.Infrastructure;
using Xunit;

namespace LeakCheck.MSTest.Tests;

/// <summary>How a check's verdict meets the test's own outcome: failures first, rows one by one, modes, rules, errors.</summary>
public class OutcomeTests
{
    private static string Report(string test, string name, string creators, string fingerprint, string className = "Outcomes", string ignored = "") =>
        $$"""
        LeakCheck: 1 item created by LeakCheck.MSTest.Scenarios.{{className}}.{{test}} is still alive after the test (settled in N ms; forced GCs: 1 gen1, 2 full).{{ignored}}

        [1] Tracked object "{{name}}" (LeakCheck.MSTest.Scenarios.Session)
            created at:
        {{creators}}
            fingerprint: {{fingerprint}}

        To accept a known leak, list its fingerprint in IgnoreFingerprints, for example [NoLeaks(IgnoreFingerprints = new[] { "{{fingerprint}}" })]; see README "Ignoring known leaks".
        """;

    [Fact]
    public void A_failing_test_that_leaks_keeps_its_own_failure_first()
    {
        var result = Runs.Parallel.Result("Outcomes", "Failing_test_that_leaks_keeps_its_failure_first");

        result.Outcome.Should().Be("Failed");
        ReportText.Normalize(result.Message).Should().Be(
            "One or more errors occurred. (Assertion failed.\nthe test's own failure) ("
            + Runs.LeakFailure("Outcomes", Report("Failing_test_that_leaks_keeps_its_failure_first", "failing",
                "      LeakCheck.MSTest.Scenarios.Outcomes.Keep(String) in OutcomeScenarios.cs:line N\n"
                + "      LeakCheck.MSTest.Scenarios.Outcomes.Failing_test_that_leaks_keeps_its_failure_first() in OutcomeScenarios.cs:line N", "f0aa3050"))
            + ")");
    }

    [Fact]
    public void A_failing_test_without_a_leak_keeps_its_failure_alone()
    {
        var result = Runs.Parallel.Result("Outcomes", "Failing_test_without_a_leak_keeps_its_failure_alone");

        result.Outcome.Should().Be("Failed");
        result.Message.Should().Be("Assertion failed.\nthe test's own failure");
    }

    [Fact]
    public void Data_rows_are_checked_one_by_one()
    {
        Runs.Parallel.Result("Outcomes", "Data_rows_are_checked_one_by_one (False)").Outcome.Should().Be("Passed");
        var leaking = Runs.Parallel.Result("Outcomes", "Data_rows_are_checked_one_by_one (True)");

        leaking.Outcome.Should().Be("Failed");
        ReportText.Normalize(leaking.Message).Should().Be(Runs.LeakFailure("Outcomes", Report("Data_rows_are_checked_one_by_one (True)", "row",
            "      LeakCheck.MSTest.Scenarios.Outcomes.Data_rows_are_checked_one_by_one(Boolean) in OutcomeScenarios.cs:line N", "2015d1f0")));
    }

    [Fact]
    public void Dynamic_data_rows_are_checked_one_by_one()
    {
        Runs.Parallel.Result("Outcomes", "Dynamic_data_rows_are_checked_one_by_one (1)").Outcome.Should().Be("Passed");
        var leaking = Runs.Parallel.Result("Outcomes", "Dynamic_data_rows_are_checked_one_by_one (2)");

        leaking.Outcome.Should().Be("Failed");
        ReportText.Normalize(leaking.Message).Should().Be(Runs.LeakFailure("Outcomes", Report("Dynamic_data_rows_are_checked_one_by_one (2)", "dynamic row",
            "      LeakCheck.MSTest.Scenarios.Outcomes.Dynamic_data_rows_are_checked_one_by_one(Int32) in OutcomeScenarios.cs:line N", "d03ef367")));
    }

    [Fact]
    public void Enabled_false_on_a_method_opts_it_out_of_the_class_check()
        => Runs.Parallel.Result("Outcomes", "Opted_out").Outcome.Should().Be("Passed");

    [Fact]
    public void Warn_mode_passes_and_writes_the_report_to_the_test_output()
    {
        var result = Runs.Parallel.Result("Outcomes", "Leak_in_warn_mode_passes_and_writes_the_report");

        result.Outcome.Should().Be("Passed");
        ReportText.Normalize(result.Output).Should().Be(
            "TestContext Messages:\nLeakCheck (warn mode: the test keeps its outcome):\n"
            + Report("Leak_in_warn_mode_passes_and_writes_the_report", "warned",
                "      LeakCheck.MSTest.Scenarios.Outcomes.Keep(String) in OutcomeScenarios.cs:line N\n"
                + "      LeakCheck.MSTest.Scenarios.Outcomes.Leak_in_warn_mode_passes_and_writes_the_report() in OutcomeScenarios.cs:line N", "6bbf366b"));
    }

    [Fact]
    public void Invalid_configuration_fails_the_test_with_every_problem()
    {
        var result = Runs.Parallel.Result("Outcomes", "Invalid_configuration_fails_with_every_problem");

        result.Outcome.Should().Be("Failed");
        result.Message.Should().Be(
            "TestCleanup method LeakCheck.MSTest.Scenarios.Outcomes.LeakCheck threw exception. LeakCheck.LeakCheckConfigurationException: "
            + "LeakCheck configuration is invalid ([NoLeaks] on LeakCheck.MSTest.Scenarios.Outcomes.Invalid_configuration_fails_with_every_problem):\n"
            + "- IgnoreTypes entry \"\": the type pattern is empty.\n"
            + "- IgnoreFingerprints entry \"xyz\" is not a fingerprint (eight hexadecimal digits, as printed in a report)..");
    }

    [Fact]
    public void A_method_attribute_alone_checks_that_method_only()
    {
        var checkedTest = Runs.Parallel.Result("MethodLevelOnly", "Checked");

        checkedTest.Outcome.Should().Be("Failed");
        ReportText.Normalize(checkedTest.Message).Should().Be(Runs.LeakFailure("MethodLevelOnly", Report("Checked", "method level",
            "      LeakCheck.MSTest.Scenarios.MethodLevelOnly.Checked() in OutcomeScenarios.cs:line N", "9b39b065", "MethodLevelOnly")));
        Runs.Parallel.Result("MethodLevelOnly", "Not_checked").Outcome.Should().Be("Passed");
    }

    [Fact]
    public void The_methods_explicit_mode_wins_and_the_ignore_rules_of_both_levels_combine()
    {
        var result = Runs.Parallel.Result("Precedence", "Method_mode_wins_and_rules_combine");

        result.Outcome.Should().Be("Failed");
        ReportText.Normalize(result.Message).Should().Be(Runs.LeakFailure("Precedence", Report("Method_mode_wins_and_rules_combine", "reported",
            "      LeakCheck.MSTest.Scenarios.Precedence.Method_mode_wins_and_rules_combine() in OutcomeScenarios.cs:line N", "e422174d", "Precedence",
            " 2 known leaks ignored by rules.")));
    }

    [Fact]
    public void A_fingerprint_rule_accepts_the_known_leak()
    {
        var result = Runs.Parallel.Result("Precedence", "Fingerprint_rule_accepts_the_known_leak");

        result.Outcome.Should().Be("Passed", result.Message);
        result.Output.Should().BeEmpty();
    }

    [Fact]
    public void The_JSON_report_holds_every_leaking_test_as_soon_as_it_ended()
    {
        var report = Runs.Parallel.JsonReports.Should().ContainSingle().Subject;

        report.FileName.Should().MatchRegex(@"^leakcheck-LeakCheck\.MSTest\.Scenarios-\d{8}T\d{6}-\d+\.json(\.writing)?$");
        var failed = Runs.Parallel.Results.Where(r => r.Outcome == "Failed" && r.Message.Contains("LeakDetectedException", System.StringComparison.Ordinal))
            .Select(r => $"\"test\": \"{r.ClassName}.{r.Name}\"").ToList();
        failed.Should().HaveCount(18);
        foreach (var test in failed)
        {
            report.Content.Should().Contain(test);
        }
    }
}
