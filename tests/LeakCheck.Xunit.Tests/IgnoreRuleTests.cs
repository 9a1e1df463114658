using System;
using System.IO;
using System.Linq;
using System.Text.RegularExpressions;
using FluentAssertions;
using LeakCheck.Run;
using LeakCheck.Xunit.Scenarios;
using LeakCheck.Xunit.Scenarios.AssemblyLevel;
using LeakCheck.Xunit.Tests.Infrastructure;
using Xunit;
using LeakCheck.Configuration;

namespace LeakCheck.Xunit.Tests;

/// <summary>Ignore rules and the baseline through the xUnit adapter. Each test owns LeakCheck's run, so they run alone.</summary>
[Collection(nameof(ProcessEnvironment))]
public sealed class IgnoreRuleTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("leakcheck-xunit-run-").FullName;
    private readonly StringWriter _output = new();

    public void Dispose()
    {
        LeakRun.Complete();
        Directory.Delete(_directory, recursive: true);
    }

    [Fact]
    public void Rules_of_every_kind_on_class_and_method_accept_their_leaks_and_the_run_lists_the_stale_rule()
    {
        Start(BaselineMode.Off);

        var results = ScenarioRunner.Run(leakCheckFramework: true, typeof(IgnoreRuleScenarios));

        results.Select(r => (r.DisplayName, r.Outcome)).Should().Equal(
            ("LeakCheck.Xunit.Scenarios.IgnoreRuleScenarios.Clean_test_with_a_stale_rule", ScenarioOutcome.Passed),
            ("LeakCheck.Xunit.Scenarios.IgnoreRuleScenarios.Creator_rule_on_the_method", ScenarioOutcome.Passed),
            ("LeakCheck.Xunit.Scenarios.IgnoreRuleScenarios.Fingerprint_rule_on_the_method", ScenarioOutcome.Passed),
            ("LeakCheck.Xunit.Scenarios.IgnoreRuleScenarios.Kind_rule_on_the_method", ScenarioOutcome.Passed),
            ("LeakCheck.Xunit.Scenarios.IgnoreRuleScenarios.Leak_that_no_rule_matches", ScenarioOutcome.Failed),
            ("LeakCheck.Xunit.Scenarios.IgnoreRuleScenarios.Type_rule_on_the_class", ScenarioOutcome.Passed));
        ReportText.Normalize(results[4].Failure).Should().Be(
            """
            LeakCheck.LeakDetectedException : LeakCheck: 1 item created by LeakCheck.Xunit.Scenarios.IgnoreRuleScenarios.Leak_that_no_rule_matches is still alive after the test (settled in N ms; forced GCs: 1 gen1, 2 full).

            [1] Tracked object "not ignored" (LeakCheck.Xunit.Scenarios.Session)
                created at:
                  LeakCheck.Xunit.Scenarios.IgnoreRuleScenarios.KeepTracked(Object, String) in IgnoreRuleScenarios.cs:line N
                  LeakCheck.Xunit.Scenarios.IgnoreRuleScenarios.Leak_that_no_rule_matches() in IgnoreRuleScenarios.cs:line N
                fingerprint: cf44576d

            To accept a known leak, list its fingerprint in IgnoreFingerprints, for example [NoLeaks(IgnoreFingerprints = new[] { "cf44576d" })]; see README "Ignoring known leaks".
            """);
        RunOutput().Should().Be(
            """
            LeakCheck run NAME: 6 checks, 1 with leaks.
            JSON report: RESULTS/leakcheck-NAME-RUN.json
            1 ignore rule matched nothing in this run; remove it if the leak is gone:
            - type:Vendor.Retired.* ([NoLeaks] on method LeakCheck.Xunit.Scenarios.IgnoreRuleScenarios.Clean_test_with_a_stale_rule)
            """);
    }

    [Fact]
    public void Assembly_level_rule_accepts_a_leak_in_every_class()
    {
        Start(BaselineMode.Off);

        var result = ScenarioRunner.Run(leakCheckFramework: true, typeof(IgnoredByTheAssemblyRule)).Single();

        result.Outcome.Should().Be(ScenarioOutcome.Passed);
        RunOutput().Should().Be("LeakCheck run NAME: 1 check, 0 with leaks.\nJSON report: RESULTS/leakcheck-NAME-RUN.json");
    }

    [Fact]
    public void Invalid_rules_fail_the_test_with_every_problem_named()
    {
        Start(BaselineMode.Off);

        var result = ScenarioRunner.Run(leakCheckFramework: true, typeof(InvalidIgnoreRuleScenarios)).Single();

        result.Outcome.Should().Be(ScenarioOutcome.Failed);
        result.Failure.Should().Be(
            """
            LeakCheck.LeakCheckConfigurationException : LeakCheck configuration is invalid ([NoLeaks] on LeakCheck.Xunit.Scenarios.InvalidIgnoreRuleScenarios.Test):
            - IgnoreKinds entry 42 is not a leak kind; known kinds: TrackedObject, Task, AsyncMethod, AbandonedAsyncMethod, ChannelReader, ChannelWriter, Timer, Thread, RegisteredWait, WorkItem, CancellationRegistration, ChildProcess.
            - IgnoreTypes entry "": the type pattern is empty.
            - IgnoreCreatedBy entry "*": the creator pattern "*" matches everything; to stop checking use Mode = Off or [NoLeaks(Enabled = false)].
            - IgnoreCreatedBy entry "My App.*": the creator pattern "My App.*" contains white space.
            - IgnoreFingerprints entry "xyz" is not a fingerprint (eight hexadecimal digits, as printed in a report).
            """);
    }

    [Fact]
    public void Recorded_baseline_accepts_the_leak_in_the_next_run()
    {
        var baseline = Path.Combine(_directory, "leakcheck.baseline");
        Start(BaselineMode.Record);
        var recorded = ScenarioRunner.Run(leakCheckFramework: true, typeof(BaselineScenarios)).Single();

        recorded.Outcome.Should().Be(ScenarioOutcome.Passed);
        ReportText.Normalize(recorded.Output).Should().Be(
            $$"""
            LeakCheck (warn mode: the test keeps its outcome):
            LeakCheck: 1 item created by LeakCheck.Xunit.Scenarios.BaselineScenarios.Leaks_a_session is still alive after the test (settled in N ms; forced GCs: 1 gen1, 2 full).

            [1] Tracked object "baselined session" (LeakCheck.Xunit.Scenarios.Session)
                created at:
                  LeakCheck.Xunit.Scenarios.BaselineScenarios.Leaks_a_session() in IgnoreRuleScenarios.cs:line N
                fingerprint: bfe06017

            To accept a known leak, list its fingerprint in IgnoreFingerprints, for example [NoLeaks(IgnoreFingerprints = new[] { "bfe06017" })]; see README "Ignoring known leaks".

            Notes:
            - LEAKCHECK_BASELINE=record: these leaks are recorded into {{baseline}} at the end of the run and do not fail the test.
            """);
        File.ReadAllLines(baseline).Last().Should().Be("bfe06017 TrackedObject \"baselined session\" (LeakCheck.Xunit.Scenarios.Session) (in LeakCheck.Xunit.Scenarios.BaselineScenarios.Leaks_a_session)");

        Start(BaselineMode.Use);
        var accepted = ScenarioRunner.Run(leakCheckFramework: true, typeof(BaselineScenarios)).Single();

        accepted.Outcome.Should().Be(ScenarioOutcome.Passed);
        accepted.Output.Should().BeEmpty();
        RunOutput().Split('\n').Last().Should().Be($"Baseline {baseline}: 1 of 1 known leak still occurred; 0 did not.");
    }

    private void Start(BaselineMode mode)
    {
        _output.GetStringBuilder().Clear();
        LeakRun.StartForTests(new RunSettings("Scenario.Tests", Path.Combine(_directory, "TestResults"), true, mode, Path.Combine(_directory, "leakcheck.baseline")), _output);
    }

    private string RunOutput()
        => Regex.Replace(_output.ToString().TrimEnd('\n'), @"leakcheck-Scenario\.Tests-\d{8}T\d{6}-\d+(-\d+)?\.json", "leakcheck-NAME-RUN.json")
            .Replace(Path.Combine(_directory, "TestResults"), "RESULTS", StringComparison.Ordinal)
            .Replace("run Scenario.Tests:", "run NAME:", StringComparison.Ordinal);
}
