using System.Linq;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using FluentAssertions;
using LeakCheck.MSTest.Tests.Infrastructure;
using LeakCheck.TestSupport;
using Xunit;

namespace LeakCheck.MSTest.Tests;

/// <summary>
/// The adapter under <c>dotnet test</c> in both of MSTest's modes, on a copy of a small suite whose run passes and leaks
/// once (warn mode): under Microsoft.Testing.Platform (<c>EnableMSTestRunner</c>) the JSON report is a session artifact
/// that <c>dotnet test</c> lists (it hides the passing run's standard error, where the summary goes) and lands in the
/// platform's results directory; under VSTest it lands in the project's TestResults, as for every other adapter.
/// </summary>
public sealed partial class DotnetTestTests
{
    private const string ExpectedMessage = """
        LeakCheck: 1 item created by DotnetTestScenario.PassingRunTests.Keeps_a_tracked_object is still alive after the test (settled in N ms; forced GCs: 1 gen1, 2 full).

        [1] Tracked object "cached item" (System.Object)
            created at:
              DotnetTestScenario.PassingRunTests.Keeps_a_tracked_object() in PassingRunTests.cs:line N
            fingerprint: 09946c9b

        To accept a known leak, list its fingerprint in IgnoreFingerprints, for example [NoLeaks(IgnoreFingerprints = new[] { "09946c9b" })]; see README "Ignoring known leaks".
        """;

    [Fact]
    public void Under_Microsoft_Testing_Platform_a_passing_run_lists_the_JSON_report_as_an_artifact_in_the_results_directory()
    {
        var run = DotnetTestRunner.Run(DotnetTestMode.TestingPlatform, "--results-directory", "{work}/results", "--no-ansi", "--no-progress");

        run.ExitCode.Should().Be(0, run.Output);
        Block(run.Output, "Test run summary: Passed!", static line => line.StartsWith("  ", System.StringComparison.Ordinal) && !line.StartsWith("  duration:", System.StringComparison.Ordinal))
            .Should().Be("Test run summary: Passed!\n  total: 2\n  failed: 0\n  succeeded: 2\n  skipped: 0\n");
        var report = run.Reports.Should().ContainSingle().Subject;
        Normalize(report.RelativePath).Should().Be("results/leakcheck-DotnetTestScenario-{started}-{pid}.json");
        Artifacts(run).Should().Be("  In process file artifacts produced:\n    - {work}/" + report.RelativePath + "\n");
        ShouldHoldTheLeak(report.Content);
    }

    [Fact]
    public void Under_VSTest_the_report_goes_to_the_projects_TestResults()
    {
        var run = DotnetTestRunner.Run(DotnetTestMode.VSTest, "--results-directory", "{work}/results");

        run.ExitCode.Should().Be(0, run.Output);
        run.Output.Should().Contain("Passed!  - Failed:     0, Passed:     2, Skipped:     0, Total:     2");
        var report = run.Reports.Should().ContainSingle().Subject;
        Normalize(report.RelativePath).Should().Be("DotnetTestScenario/TestResults/leakcheck-DotnetTestScenario-{started}-{pid}.json");
        Artifacts(run).Should().BeEmpty("VSTest has no session artifacts");
        ShouldHoldTheLeak(report.Content);
    }

    private static void ShouldHoldTheLeak(JsonNode report)
    {
        report["run"]!["name"]!.GetValue<string>().Should().Be("DotnetTestScenario");
        report["run"]!["checkedScopes"]!.GetValue<int>().Should().Be(2);
        report["run"]!["leakingScopes"]!.GetValue<int>().Should().Be(1);
        var test = report["tests"]!.AsArray().Should().ContainSingle().Subject!;
        test["test"]!.GetValue<string>().Should().Be("DotnetTestScenario.PassingRunTests.Keeps_a_tracked_object");
        test["outcome"]!.GetValue<string>().Should().Be("warned");
        var leak = test["leaks"]!.AsArray().Should().ContainSingle().Subject!;
        leak["kind"]!.GetValue<string>().Should().Be("TrackedObject");
        leak["name"]!.GetValue<string>().Should().Be("cached item");
        ReportText.Normalize(test["message"]!.GetValue<string>()).Should().Be(ExpectedMessage.ReplaceLineEndings("\n"));
    }

    /// <summary>The artifact block of dotnet test's output: its heading and one line per artifact (empty when there is none).</summary>
    private static string Artifacts(DotnetTestRun run)
        => Block(run.Output, "  In process file artifacts produced:", static line => line.StartsWith("    - ", System.StringComparison.Ordinal));

    private static string Block(string output, string heading, System.Func<string, bool> belongs)
    {
        var lines = output.Split('\n');
        var start = System.Array.IndexOf(lines, heading);
        return start < 0 ? string.Empty : string.Concat(lines.Skip(start).Take(1).Concat(lines.Skip(start + 1).TakeWhile(belongs)).Select(l => l + "\n"));
    }

    private static string Normalize(string path) => ReportName().Replace(path, "leakcheck-DotnetTestScenario-{started}-{pid}.json");

    [GeneratedRegex(@"leakcheck-DotnetTestScenario-\d{8}T\d{6}-\d+\.json")]
    private static partial Regex ReportName();
}
