using System.Linq;
using FluentAssertions;
using LeakCheck.Xunit.Scenarios;
using LeakCheck.Xunit.Tests.Infrastructure;
using Xunit;

namespace LeakCheck.Xunit.Tests;

public class ThreadTests
{
    [Fact]
    public void A_thread_the_test_left_running_fails_it_and_a_joined_one_does_not()
    {
        var results = ScenarioRunner.Run(leakCheckFramework: true, typeof(ThreadScenarios));
        ThreadScenarios.Stop.Set();

        results.Select(r => (r.DisplayName, r.Outcome)).Should().Equal(
            ("LeakCheck.Xunit.Scenarios.ThreadScenarios.Joins_its_worker_thread", ScenarioOutcome.Passed),
            ("LeakCheck.Xunit.Scenarios.ThreadScenarios.Leaves_a_worker_thread_running", ScenarioOutcome.Failed),
            ("LeakCheck.Xunit.Scenarios.ThreadScenarios.Starts_a_worker_thread_in_its_last_statement", ScenarioOutcome.Failed));
        ReportText.Normalize(results[1].Failure).Should().Be(
            """
            LeakCheck.LeakDetectedException : LeakCheck: 1 item created by LeakCheck.Xunit.Scenarios.ThreadScenarios.Leaves_a_worker_thread_running is still alive after the test (settled in N ms; forced GCs: 1 gen1, 2 full).

            [1] Thread "scenario worker" (System.Threading.Thread)
                still running (background thread)
                created at: not recorded for threads (the runtime raises no event for Thread.Start); name the thread to find it
                fingerprint: d0498312

            To accept a known leak, list its fingerprint in IgnoreFingerprints, for example [NoLeaks(IgnoreFingerprints = new[] { "d0498312" })]; see README "Ignoring known leaks".
            """);

        // Thread.Start returns before the new thread runs managed code: the check waits for it to enter the test's context.
        ReportText.Normalize(results[2].Failure).Should().Contain("[1] Thread \"last-statement worker\" (System.Threading.Thread)\n    still running (background thread)\n");
    }
}
