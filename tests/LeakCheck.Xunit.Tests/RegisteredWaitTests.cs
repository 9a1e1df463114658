using System.Linq;
using FluentAssertions;
using LeakCheck.Xunit.Scenarios;
using LeakCheck.Xunit.Tests.Infrastructure;
using Xunit;

namespace LeakCheck.Xunit.Tests;

/// <summary>Registered waits through the real xUnit v2 runner, the leaky class and its clean twins in parallel and serially.</summary>
public class RegisteredWaitTests
{
    private const string Expected = """
        LeakCheck.LeakDetectedException : LeakCheck: 1 item created by LeakCheck.Xunit.Scenarios.LeakyRegisteredWaits.Leaves_a_wait_registered is still alive after the test (settled in N ms; forced GCs: 0 gen1, 0 full).

        [1] Registered wait System.Threading.RegisteredWaitHandle
            waiting for a handle to be signalled, no time-out; runs its callback once
            callback: LeakCheck.Xunit.Scenarios.LeakyRegisteredWaits.Leaves_a_wait_registered(Object, Boolean) (lambda) in RegisteredWaitScenarios.cs:line N
            created at: not recorded for registered waits (the runtime raises no event for RegisterWaitForSingleObject); the callback above names it
            fingerprint: 9b2da0cb

        To accept a known leak, list its fingerprint in IgnoreFingerprints, for example [NoLeaks(IgnoreFingerprints = new[] { "9b2da0cb" })]; see README "Ignoring known leaks".
        """;

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void A_wait_the_test_left_registered_fails_it_and_the_clean_twins_pass(bool parallel)
    {
        var results = ScenarioRunner.Run(leakCheckFramework: true, parallel, typeof(LeakyRegisteredWaits), typeof(CleanRegisteredWaits));

        results.Select(r => (r.DisplayName, r.Outcome)).Should().Equal(
            ("LeakCheck.Xunit.Scenarios.CleanRegisteredWaits.Sets_the_event_it_waits_for", ScenarioOutcome.Passed),
            ("LeakCheck.Xunit.Scenarios.CleanRegisteredWaits.Unregisters_its_wait", ScenarioOutcome.Passed),
            ("LeakCheck.Xunit.Scenarios.LeakyRegisteredWaits.Leaves_a_wait_registered", ScenarioOutcome.Failed));
        ReportText.Normalize(results[2].Failure).Should().Be(Expected);
    }
}
