using System.Linq;
using System.Threading.Tasks;
using FluentAssertions;
using LeakCheck.Xunit.Scenarios;
using LeakCheck.Xunit.Tests.Infrastructure;
using Xunit;

namespace LeakCheck.Xunit.Tests;

public class HostTests
{
    [Fact]
    public async Task A_stopped_and_disposed_generic_host_passes_and_a_running_one_fails_with_its_worker_and_its_watcher_thread()
    {
        var results = ScenarioRunner.Run(leakCheckFramework: true, typeof(HostScenarios));
        await HostScenarios.StopLeftoversAsync();

        results.Select(r => (r.DisplayName, r.Outcome)).Should().Equal(
            ("LeakCheck.Xunit.Scenarios.HostScenarios.Leaves_its_host_running", ScenarioOutcome.Failed),
            ("LeakCheck.Xunit.Scenarios.HostScenarios.Stops_and_disposes_its_host", ScenarioOutcome.Passed));
        ReportText.Normalize(results[0].Failure).Should().Be(
            """
            LeakCheck.LeakDetectedException : LeakCheck: 2 items created by LeakCheck.Xunit.Scenarios.HostScenarios.Leaves_its_host_running are still alive after the test (settled in N ms; forced GCs: 1 gen1, 2 full).

            [1] Async method LeakCheck.Xunit.Scenarios.HostScenarios.PollingWorker.ExecuteAsync(CancellationToken)
                waiting at await #1: Task.Delay
                created at:
                  LeakCheck.Xunit.Scenarios.HostScenarios.PollingWorker.ExecuteAsync(CancellationToken) in HostScenarios.cs:line N
                  LeakCheck.Xunit.Scenarios.HostScenarios.Leaves_its_host_running() in HostScenarios.cs:line N
                fingerprint: ca48038c

            [2] Thread ".NET File Watcher" (System.Threading.Thread)
                still running (background thread)
                created at: not recorded for threads (the runtime raises no event for Thread.Start); name the thread to find it
                fingerprint: 0d985a31

            To accept a known leak, list its fingerprint in IgnoreFingerprints, for example [NoLeaks(IgnoreFingerprints = new[] { "ca48038c" })]; see README "Ignoring known leaks".
            """);
    }
}
