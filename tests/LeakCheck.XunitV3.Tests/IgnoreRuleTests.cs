using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.RegularExpressions;
using FluentAssertions;
using LeakCheck.XunitV3.Tests.Infrastructure;
using Xunit;

namespace LeakCheck.XunitV3.Tests;

/// <summary>Ignore rules of every kind and the baseline, through the real xUnit v3 runner (each run is its own process).</summary>
public class IgnoreRuleTests
{
    [Fact]
    public void Rules_of_every_kind_on_class_and_method_accept_their_leaks_and_the_run_lists_the_stale_rule()
    {
        var run = ScenarioRunner.Run("IgnoreRuleScenarios");

        run.Results.Select(r => (r.DisplayName, r.Outcome)).Order().Should().Equal(
            ("LeakCheck.XunitV3.Scenarios.IgnoreRuleScenarios.Clean_test_with_a_stale_rule", ScenarioOutcome.Passed),
            ("LeakCheck.XunitV3.Scenarios.IgnoreRuleScenarios.Creator_rule_on_the_method", ScenarioOutcome.Passed),
            ("LeakCheck.XunitV3.Scenarios.IgnoreRuleScenarios.Fingerprint_rule_on_the_method", ScenarioOutcome.Passed),
            ("LeakCheck.XunitV3.Scenarios.IgnoreRuleScenarios.Kind_rule_on_the_method", ScenarioOutcome.Passed),
            ("LeakCheck.XunitV3.Scenarios.IgnoreRuleScenarios.Leak_that_no_rule_matches", ScenarioOutcome.Failed),
            ("LeakCheck.XunitV3.Scenarios.IgnoreRuleScenarios.Type_rule_on_the_class", ScenarioOutcome.Passed));
        ReportText.Normalize(run.Results.Single(r => r.Outcome == ScenarioOutcome.Failed).Failure).Should().Be(
            """
            LeakCheck.LeakDetectedException : LeakCheck: 1 item created by LeakCheck.XunitV3.Scenarios.IgnoreRuleScenarios.Leak_that_no_rule_matches is still alive after the test (settled in N ms; forced GCs: 1 gen1, 2 full).

            [1] Tracked object "not ignored" (LeakCheck.XunitV3.Scenarios.Session)
                created at:
                  LeakCheck.XunitV3.Scenarios.IgnoreRuleScenarios.KeepTracked(Object, String) in IgnoreRuleScenarios.cs:line N
                  LeakCheck.XunitV3.Scenarios.IgnoreRuleScenarios.Leak_that_no_rule_matches() in IgnoreRuleScenarios.cs:line N
                fingerprint: 7c57d048

            To accept a known leak, list its fingerprint in IgnoreFingerprints, for example [NoLeaks(IgnoreFingerprints = new[] { "7c57d048" })]; see README "Ignoring known leaks".
            """);
        Summary(run).Should().Be(
            """
            LeakCheck run LeakCheck.XunitV3.Scenarios: 6 checks, 1 with leaks.
            JSON report: JSON
            1 ignore rule matched nothing in this run; remove it if the leak is gone:
            - type:Vendor.Retired.* ([NoLeaks] on method LeakCheck.XunitV3.Scenarios.IgnoreRuleScenarios.Clean_test_with_a_stale_rule)
            """);
    }

    [Fact]
    public void A_recorded_baseline_accepts_the_leak_in_the_next_run()
    {
        var directory = Directory.CreateTempSubdirectory("leakcheck-v3-baseline-").FullName;
        try
        {
            var baseline = Path.Combine(directory, "leakcheck.baseline");
            var recorded = ScenarioRunner.Run(Options("record", baseline), "BaselineScenarios").Results.Single();

            recorded.Outcome.Should().Be(ScenarioOutcome.Passed);
            File.ReadAllLines(baseline).Last().Should().Be(
                "cdbc5d9a TrackedObject \"baselined session\" (LeakCheck.XunitV3.Scenarios.Session) (in LeakCheck.XunitV3.Scenarios.BaselineScenarios.Leaks_a_session)");

            var accepted = ScenarioRunner.Run(Options("use", baseline), "BaselineScenarios");

            accepted.Results.Single().Outcome.Should().Be(ScenarioOutcome.Passed);
            accepted.Results.Single().Output.Should().BeEmpty();
            Summary(accepted).Split('\n').Last().Should().Be($"Baseline {baseline}: 1 of 1 known leak still occurred; 0 did not.");
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    private static ScenarioOptions Options(string mode, string baseline)
        => new() { Environment = new Dictionary<string, string> { ["LEAKCHECK_BASELINE"] = mode, ["LEAKCHECK_BASELINE_FILE"] = baseline } };

    /// <summary>The run summary LeakCheck writes to standard error, with the JSON file's run-specific name normalised.</summary>
    private static string Summary(ScenarioRun run)
    {
        var lines = run.StandardError.Replace("\r", string.Empty, System.StringComparison.Ordinal).Split('\n');
        var start = System.Array.FindIndex(lines, l => l.StartsWith("LeakCheck run ", System.StringComparison.Ordinal));
        var summary = string.Join('\n', lines.Skip(start).TakeWhile(l => l.Length > 0));
        return Regex.Replace(summary, @"JSON report: .*", "JSON report: JSON");
    }
}
