using System;
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

        results.Last().Outcome.Should().Be(ScenarioOutcome.Passed, results.Last().Failure);
        results.Select(r => (r.DisplayName, r.Outcome)).Should().Equal(
            ("LeakCheck.Xunit.Scenarios.HostScenarios.Leaves_its_host_running", ScenarioOutcome.Failed),
            ("LeakCheck.Xunit.Scenarios.HostScenarios.Stops_and_disposes_its_host", ScenarioOutcome.Passed));
        // On .NET 11 the BCL's async methods are runtime async: one the host's Build started (and the running host keeps
        // pending) has no state machine to name, so it is reported as such (on .NET 8-10 it is not pending).
        var runtimeAsync = Environment.Version.Major >= 11;
        var count = runtimeAsync ? "3 items" : "2 items";
        var first = runtimeAsync
            ? """
              [1] Async method a runtime-async method
                  not completed (compiled as runtime async: no state machine, so which method it is and where it waits cannot be read; its creation stack shows where it started)
                  created at:
                    LeakCheck.Xunit.Scenarios.HostScenarios.Build() in HostScenarios.cs:line N
                    LeakCheck.Xunit.Scenarios.HostScenarios.Leaves_its_host_running() in HostScenarios.cs:line N
                  fingerprint: 15a33641


              """
            : string.Empty;
        var n = runtimeAsync ? 1 : 0;
        ReportText.Normalize(results[0].Failure).Should().Be(
            $$"""
            LeakCheck.LeakDetectedException : LeakCheck: {{count}} created by LeakCheck.Xunit.Scenarios.HostScenarios.Leaves_its_host_running are still alive after the test (settled in N ms; forced GCs: 1 gen1, 2 full).

            {{first}}[{{1 + n}}] Async method LeakCheck.Xunit.Scenarios.HostScenarios.PollingWorker.ExecuteAsync(CancellationToken)
                waiting at await #1: Task.Delay
                created at:
                  LeakCheck.Xunit.Scenarios.HostScenarios.PollingWorker.ExecuteAsync(CancellationToken) in HostScenarios.cs:line N
                  LeakCheck.Xunit.Scenarios.HostScenarios.Leaves_its_host_running() in HostScenarios.cs:line N
                fingerprint: ca48038c

            [{{2 + n}}] Thread ".NET File Watcher" (System.Threading.Thread)
                still running (background thread)
                created at: not recorded for threads (the runtime raises no event for Thread.Start); name the thread to find it
                fingerprint: 0d985a31

            To accept a known leak, list its fingerprint in IgnoreFingerprints, for example [NoLeaks(IgnoreFingerprints = new[] { "{{(runtimeAsync ? "15a33641" : "ca48038c")}}" })]; see README "Ignoring known leaks".
            """);
    }
}
