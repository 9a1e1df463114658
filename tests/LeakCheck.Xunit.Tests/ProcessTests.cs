using System.Linq;
using System.Text.RegularExpressions;
using FluentAssertions;
using LeakCheck.Xunit.Scenarios;
using LeakCheck.Xunit.Tests.Infrastructure;
using Xunit;

namespace LeakCheck.Xunit.Tests;

/// <summary>Child processes through the real xUnit v2 runner, the leaky class and its clean twins in parallel and serially.</summary>
public class ProcessTests
{
    private const string Expected = """
        LeakCheck.LeakDetectedException : LeakCheck: 1 item created by LeakCheck.Xunit.Scenarios.LeakyProcesses.Leaves_a_child_process_running is still alive after the test (settled in N ms; forced GCs: 0 gen1, 0 full).

        [1] Child process "sleep" (System.Diagnostics.Process)
            still running: sleep (pid N), started by the test and never waited for or killed
            created at: not recorded for child processes (the runtime raises no event for Process.Start); the file name above names it
            fingerprint: 62965eda

        To accept a known leak, list its fingerprint in IgnoreFingerprints, for example [NoLeaks(IgnoreFingerprints = new[] { "62965eda" })]; see README "Ignoring known leaks".
        """;

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void A_child_process_the_test_left_running_fails_it_and_the_clean_twins_pass(bool parallel)
    {
        var results = ScenarioRunner.Run(leakCheckFramework: true, parallel, typeof(LeakyProcesses), typeof(CleanProcesses));
        while (LeakyProcesses.Started.TryTake(out var child))
        {
            child.Kill();
            child.WaitForExit();
            child.Dispose();
        }

        results.Select(r => (r.DisplayName, r.Outcome)).Should().Equal(
            ("LeakCheck.Xunit.Scenarios.CleanProcesses.Kills_its_child", ScenarioOutcome.Passed),
            ("LeakCheck.Xunit.Scenarios.CleanProcesses.Waits_for_its_child", ScenarioOutcome.Passed),
            ("LeakCheck.Xunit.Scenarios.LeakyProcesses.Leaves_a_child_process_running", ScenarioOutcome.Failed));
        Regex.Replace(ReportText.Normalize(results[2].Failure), @"pid \d+", "pid N").Should().Be(Expected);
    }
}
