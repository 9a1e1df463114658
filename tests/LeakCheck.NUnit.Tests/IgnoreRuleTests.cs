using System;
using System.IO;
using System.Linq;
using System.Text.RegularExpressions;
using FluentAssertions;
using LeakCheck.NUnit.Scenarios;
using LeakCheck.NUnit.Scenarios.AssemblyLevel;
using LeakCheck.NUnit.Tests.Infrastructure;
using LeakCheck.Run;
using Xunit;
using LeakCheck.Configuration;

namespace LeakCheck.NUnit.Tests;

/// <summary>Ignore rules and the baseline through the NUnit adapter; each test owns LeakCheck's run.</summary>
[Collection(nameof(NUnitRuns))]
public sealed class IgnoreRuleTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("leakcheck-nunit-run-").FullName;
    private readonly StringWriter _output = new();

    public void Dispose()
    {
        LeakRun.Complete();
        Directory.Delete(_directory, recursive: true);
    }

    [Fact]
    public void Rules_of_every_kind_on_fixture_and_method_accept_their_leaks_and_the_run_lists_the_stale_rule()
    {
        Start(BaselineMode.Off);

        var results = NUnitScenarioRunner.Run(typeof(IgnoreRuleScenarios));
        LeakRun.Complete();

        results.Select(r => (r.FullName, r.Outcome)).Should().Equal(
            ("LeakCheck.NUnit.Scenarios.IgnoreRuleScenarios.Clean_test_with_a_stale_rule", "Passed"),
            ("LeakCheck.NUnit.Scenarios.IgnoreRuleScenarios.Creator_rule_on_the_method", "Passed"),
            ("LeakCheck.NUnit.Scenarios.IgnoreRuleScenarios.Fingerprint_rule_on_the_method", "Passed"),
            ("LeakCheck.NUnit.Scenarios.IgnoreRuleScenarios.Kind_rule_on_the_method", "Passed"),
            ("LeakCheck.NUnit.Scenarios.IgnoreRuleScenarios.Leak_that_no_rule_matches", "Failed"),
            ("LeakCheck.NUnit.Scenarios.IgnoreRuleScenarios.Type_rule_on_the_fixture", "Passed"));
        ReportText.Normalize(results[4].Message).Should().Be(
            """
            LeakCheck: 1 item created by LeakCheck.NUnit.Scenarios.IgnoreRuleScenarios.Leak_that_no_rule_matches is still alive after the test (settled in N ms; forced GCs: 1 gen1, 2 full).

            [1] Tracked object "not ignored" (LeakCheck.NUnit.Scenarios.Connection)
                created at:
                  LeakCheck.NUnit.Scenarios.IgnoreRuleScenarios.KeepTracked(Object, String) in IgnoreRuleScenarios.cs:line N
                  LeakCheck.NUnit.Scenarios.IgnoreRuleScenarios.Leak_that_no_rule_matches() in IgnoreRuleScenarios.cs:line N
                fingerprint: a78c98e7

            To accept a known leak, list its fingerprint in IgnoreFingerprints, for example [NoLeaks(IgnoreFingerprints = new[] { "a78c98e7" })]; see README "Ignoring known leaks".
            """);
        RunOutput().Should().Be(
            """
            LeakCheck run NAME: 6 checks, 1 with leaks.
            JSON report: RESULTS/leakcheck-NAME-RUN.json
            1 ignore rule matched nothing in this run; remove it if the leak is gone:
            - type:Vendor.Retired.* ([NoLeaks] on method LeakCheck.NUnit.Scenarios.IgnoreRuleScenarios.Clean_test_with_a_stale_rule)
            """);
    }

    [Fact]
    public void Assembly_level_rule_accepts_a_leak_and_the_assembly_attribute_completes_the_run()
    {
        Start(BaselineMode.Off);

        var result = NUnitScenarioRunner.Run(typeof(IgnoredByTheAssemblyRule)).Single();

        result.Outcome.Should().Be("Passed");
        RunOutput().Should().Be("LeakCheck run NAME: 1 check, 0 with leaks.\nJSON report: RESULTS/leakcheck-NAME-RUN.json");
    }

    [Fact]
    public void Invalid_rules_fail_the_test_with_every_problem_named()
    {
        Start(BaselineMode.Off);

        var result = NUnitScenarioRunner.Run(typeof(InvalidIgnoreRuleScenarios)).Single();

        result.Outcome.Should().Be("Failed");
        result.Message.Should().Be(
            """
            LeakCheck configuration is invalid ([NoLeaks] on LeakCheck.NUnit.Scenarios.InvalidIgnoreRuleScenarios.Test):
            - IgnoreKinds entry 42 is not a leak kind; known kinds: TrackedObject, Task, AsyncMethod, AbandonedAsyncMethod, ChannelReader, ChannelWriter, Timer, Thread, RegisteredWait, WorkItem, CancellationRegistration, ChildProcess.
            - IgnoreTypes entry "": the type pattern is empty.
            - IgnoreCreatedBy entry "*": the creator pattern "*" matches everything; to stop checking use Mode = Off or [NoLeaks(Enabled = false)].
            - IgnoreFingerprints entry "xyz" is not a fingerprint (eight hexadecimal digits, as printed in a report).
            """);
    }

    [Fact]
    public void Recorded_baseline_accepts_the_leak_in_the_next_run()
    {
        var baseline = Path.Combine(_directory, "leakcheck.baseline");
        Start(BaselineMode.Record);
        var recorded = NUnitScenarioRunner.Run(typeof(BaselineScenarios)).Single();
        LeakRun.Complete();

        recorded.Outcome.Should().Be("Passed");
        recorded.Output.Should().Contain("- LEAKCHECK_BASELINE=record: these leaks are recorded into " + baseline);
        File.ReadAllLines(baseline).Last().Should().Be("dfc3913f TrackedObject \"baselined connection\" (LeakCheck.NUnit.Scenarios.Connection) (in LeakCheck.NUnit.Scenarios.BaselineScenarios.Leaks_a_connection)");

        Start(BaselineMode.Use);
        var accepted = NUnitScenarioRunner.Run(typeof(BaselineScenarios)).Single();
        LeakRun.Complete();

        accepted.Outcome.Should().Be("Passed");
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
