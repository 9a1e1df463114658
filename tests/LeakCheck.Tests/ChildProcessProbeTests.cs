using System;
using System.Diagnostics;
using System.Linq;
using System.Text.RegularExpressions;
using System.Threading.Tasks;
using FluentAssertions;
using Xunit;

namespace LeakCheck.Tests;

/// <summary>
/// Child processes: one the test started and left running is reported with its executable's file name and pid, never
/// its arguments or environment; a child that exited, was killed or was started before the test, and a parallel
/// test's child, are not.
/// </summary>
public class ChildProcessProbeTests
{
    private static LeakCheckOptions Options() => new() { SettleTimeout = TimeSpan.FromMilliseconds(100), RetentionPaths = false };

    [Fact]
    public void Child_process_left_running_is_reported_with_its_file_name_and_pid()
    {
        var scope = LeakScope.Begin("child process", Options());
        using var child = Process.Start("sleep", "30");

        var report = scope.End();
        Stop(child);

        Regex.Replace(Regex.Replace(report.Message, @"settled in \d+ ms", "settled in N ms"), @"pid \d+", "pid N").Should().Be(
            """
            LeakCheck: 1 item created by child process is still alive after the test (settled in N ms; forced GCs: 0 gen1, 0 full).

            [1] Child process "sleep" (System.Diagnostics.Process)
                still running: sleep (pid N), started by the test and never waited for or killed
                created at: not recorded for child processes (the runtime raises no event for Process.Start); the file name above names it
                fingerprint: 62965eda

            To accept a known leak, list its fingerprint in LeakCheckOptions.IgnoreFingerprints, for example IgnoreFingerprints = new[] { "62965eda" }; see README "Ignoring known leaks".
            """);
    }

    [Fact]
    public void Child_process_that_exited_or_was_killed_is_not_reported()
    {
        var scope = LeakScope.Begin("waited children", Options());
        using (var quick = Process.Start("true"))
        {
            quick.WaitForExit();
        }

        using (var killed = Process.Start("sleep", "30"))
        {
            Stop(killed);
        }

        var report = scope.End();

        report.HasLeaks.Should().BeFalse(report.Message);
    }

    [Fact]
    public void Child_process_started_before_the_test_is_not_its()
    {
        using var before = Process.Start("sleep", "30");
        var scope = LeakScope.Begin("earlier child", Options());

        var report = scope.End();
        Stop(before);

        report.HasLeaks.Should().BeFalse(report.Message);
    }

    [Fact]
    public void Report_never_shows_the_arguments_or_the_environment_of_the_child()
    {
        var start = new ProcessStartInfo("sh") { ArgumentList = { "-c", "sleep 30 # token=hunter2" } };
        start.Environment["LEAKCHECK_TEST_SECRET"] = "s3cr3t-value";
        var scope = LeakScope.Begin("secret child", Options());
        using var child = Process.Start(start)!;

        var report = scope.End();
        Stop(child);

        report.Items.Should().ContainSingle().Which.Name.Should().Be("sh");
        report.Message.Should().NotContain("hunter2").And.NotContain("s3cr3t").And.NotContain("sleep 30");
    }

    [Fact]
    public async Task Parallel_scopes_each_own_only_their_own_child()
    {
        static Task<LeakReport> Run(string name, bool leak) => Task.Run(() =>
        {
            var scope = LeakScope.Begin(name, Options());
            var child = Process.Start("sleep", "30")!;
            if (!leak)
            {
                Stop(child);
            }

            var report = scope.End();
            Stop(child);
            child.Dispose();
            return report;
        });

        var reports = await Task.WhenAll(Run("leaky", leak: true), Run("clean", leak: false), Run("leaky too", leak: true));

        reports.Select(r => r.Items.Count).Should().Equal(1, 0, 1);
    }

    private static void Stop(Process process)
    {
        if (!process.HasExited)
        {
            process.Kill();
        }

        process.WaitForExit();
    }
}
