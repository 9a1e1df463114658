using System.Linq;
using FluentAssertions;
using LeakCheck.Xunit.Scenarios;
using LeakCheck.Xunit.Tests.Infrastructure;
using Xunit;

namespace LeakCheck.Xunit.Tests;

/// <summary>Thread-pool work items through the real xUnit v2 runner, the leaky class and its clean twin in parallel and serially.</summary>
public class WorkItemTests
{
    private const string Expected = """
        LeakCheck.LeakDetectedException : LeakCheck: 1 item created by LeakCheck.Xunit.Scenarios.LeakyWorkItems.Leaves_a_work_item_running is still alive after the test (settled in N ms; forced GCs: 0 gen1, 0 full).

        [1] Work item thread-pool work item
            still running on a thread-pool thread (queued with ThreadPool.QueueUserWorkItem, or a callback that captured the test's context)
            created at: not recorded for work items (the runtime raises no event for QueueUserWorkItem and cannot read a running thread's stack)
            fingerprint: 7a2735ce

        To accept a known leak, list its fingerprint in IgnoreFingerprints, for example [NoLeaks(IgnoreFingerprints = new[] { "7a2735ce" })]; see README "Ignoring known leaks".
        """;

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void A_work_item_the_test_left_running_fails_it_and_the_clean_twin_passes(bool parallel)
    {
        var results = ScenarioRunner.Run(leakCheckFramework: true, parallel, typeof(LeakyWorkItems), typeof(CleanWorkItems));
        LeakyWorkItems.Release.Release();

        results.Select(r => (r.DisplayName, r.Outcome)).Should().Equal(
            ("LeakCheck.Xunit.Scenarios.CleanWorkItems.Waits_for_its_work_item", ScenarioOutcome.Passed),
            ("LeakCheck.Xunit.Scenarios.LeakyWorkItems.Leaves_a_work_item_running", ScenarioOutcome.Failed));
        ReportText.Normalize(results[1].Failure).Should().Be(Expected);
    }
}
