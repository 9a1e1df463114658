using System.Linq;
using System.Text.RegularExpressions;
using FluentAssertions;
using LeakCheck.TestSupport;
using Xunit;

namespace LeakCheck.NUnit.Tests;

/// <summary>
/// The adapter under NUnit's own Microsoft.Testing.Platform runner (<c>EnableNUnitRunner</c>, NUnit3TestAdapter), run
/// by <c>dotnet test</c> on a copy of a small <c>[assembly: NoLeaks]</c> suite whose tests run in parallel: each leak
/// fails its own test, with the whole report as the failure message, and the clean test passes.
/// </summary>
/// <remarks>
/// NUnit's runner has no LeakCheck extension: the JSON report goes to the project's TestResults (as under VSTest), not
/// to the platform's results directory, and is not a session artifact.
/// </remarks>
public sealed partial class DotnetTestTests
{
    private const string TrackedObjectFailure = """
        failed Keeps_a_tracked_object (N ms)
          from {assembly}
          LeakCheck: 1 item created by DotnetTestScenario.LeakyRunTests.Keeps_a_tracked_object is still alive after the test (settled in N ms; forced GCs: 1 gen1, 2 full).

          [1] Tracked object "cached item" (System.Object)
              created at:
                DotnetTestScenario.LeakyRunTests.Keeps_a_tracked_object() in LeakyRunTests.cs:line N
              fingerprint: 09946c9b

          To accept a known leak, list its fingerprint in IgnoreFingerprints, for example [NoLeaks(IgnoreFingerprints = new[] { "09946c9b" })]; see README "Ignoring known leaks".

        """;

    private const string AsyncMethodFailure = """
        failed Leaves_an_async_method_waiting (N ms)
          from {assembly}
          LeakCheck: 1 item created by DotnetTestScenario.LeakyRunTests.Leaves_an_async_method_waiting is still alive after the test (settled in N ms; forced GCs: 1 gen1, 0 full).

          [1] Abandoned async method DotnetTestScenario.LeakyRunTests.WaitForeverAsync(TaskCompletionSource)
              was waiting at await #1: a task nobody completed (TaskCompletionSource) when it was garbage-collected: it never completes and its finally blocks never run
              created at:
                DotnetTestScenario.LeakyRunTests.WaitForeverAsync(TaskCompletionSource) in LeakyRunTests.cs:line N
                DotnetTestScenario.LeakyRunTests.Leaves_an_async_method_waiting() in LeakyRunTests.cs:line N
              fingerprint: c23634c9

          To accept a known leak, list its fingerprint in IgnoreFingerprints, for example [NoLeaks(IgnoreFingerprints = new[] { "c23634c9" })]; see README "Ignoring known leaks".

        """;

    [Fact]
    public void Under_NUnits_own_testing_platform_runner_each_leak_fails_its_own_test_with_the_whole_report()
    {
        var run = DotnetTestRunner.Run(DotnetTestMode.TestingPlatform, "--results-directory", "{work}/results", "--no-ansi", "--no-progress");

        run.ExitCode.Should().Be(2, run.Output);
        var output = Normalize(run.Output);
        Block(output, "failed Keeps_a_tracked_object (N ms)").Should().Be(TrackedObjectFailure.ReplaceLineEndings("\n"));
        Block(output, "failed Leaves_an_async_method_waiting (N ms)").Should().Be(AsyncMethodFailure.ReplaceLineEndings("\n"));
        Block(output, "Test run summary: Failed!").Should().Be("Test run summary: Failed!\n  total: 3\n  failed: 2\n  succeeded: 1\n  skipped: 0\n  duration: N\n");
        var report = run.Reports.Should().ContainSingle().Subject;
        ReportName().Replace(report.RelativePath, "{report}").Should().Be("DotnetTestScenario/TestResults/{report}.json");
        report.Content["run"]!["checkedScopes"]!.GetValue<int>().Should().Be(3);
        report.Content["run"]!["leakingScopes"]!.GetValue<int>().Should().Be(2);
    }

    /// <summary>A block of the output: the heading line and the indented (or empty) lines under it.</summary>
    private static string Block(string output, string heading)
    {
        var lines = output.Split('\n');
        var start = System.Array.IndexOf(lines, heading);
        return start < 0 ? "(no line \"" + heading + "\")"
            : string.Concat(lines.Skip(start).Take(1).Concat(lines.Skip(start + 1).TakeWhile(static l => l.Length == 0 || l.StartsWith("  ", System.StringComparison.Ordinal))).Select(l => l + "\n"));
    }

    /// <summary>Durations, settle times and line numbers become N; the scenario assembly becomes {assembly}; the runner's indentation of empty lines goes.</summary>
    private static string Normalize(string output)
    {
        var text = TrailingSpaces().Replace(output, string.Empty);
        text = Durations().Replace(text, "(N ms)");
        text = Settled().Replace(text, "settled in N ms");
        text = Lines().Replace(text, ":line N");
        text = SummaryDuration().Replace(text, "  duration: N");
        return text.Replace("{work}/DotnetTestScenario/bin/Debug/net10.0/DotnetTestScenario.dll (net10.0|x64)", "{assembly}", System.StringComparison.Ordinal);
    }

    [GeneratedRegex(@"(?m)[ ]+$")]
    private static partial Regex TrailingSpaces();

    [GeneratedRegex(@"\((\d+s )?\d+ms\)")]
    private static partial Regex Durations();

    [GeneratedRegex(@"settled in \d+ ms")]
    private static partial Regex Settled();

    [GeneratedRegex(@":line \d+")]
    private static partial Regex Lines();

    [GeneratedRegex(@"(?m)^  duration: .*$")]
    private static partial Regex SummaryDuration();

    [GeneratedRegex(@"leakcheck-DotnetTestScenario-\d{8}T\d{6}-\d+")]
    private static partial Regex ReportName();
}
