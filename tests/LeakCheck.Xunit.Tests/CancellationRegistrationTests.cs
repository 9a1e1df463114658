using System.Linq;
using FluentAssertions;
using LeakCheck.Xunit.Scenarios;
using LeakCheck.Xunit.Tests.Infrastructure;
using Xunit;

namespace LeakCheck.Xunit.Tests;

/// <summary>Cancellation registrations through the real xUnit v2 runner, the leaky class and its clean twins in parallel and serially.</summary>
public class CancellationRegistrationTests
{
    private const string ExpectedRegistration = """
        LeakCheck.LeakDetectedException : LeakCheck: 1 item created by LeakCheck.Xunit.Scenarios.LeakyCancellationRegistrations.Leaves_a_callback_registered is still alive after the test (settled in N ms; forced GCs: 0 gen1, 0 full).

        [1] Cancellation registration CancellationToken.Register
            registered on static LeakCheck.Xunit.Scenarios.ApplicationLifetime.Stopping, never unregistered (dispose the CancellationTokenRegistration)
            callback: LeakCheck.Xunit.Scenarios.LeakyCancellationRegistrations.OnStopping() in CancellationScenarios.cs:line N
            created at: not recorded for cancellation registrations (the runtime raises no event for Register); the callback above names it
            fingerprint: 4d4d6cd2

        To accept a known leak, list its fingerprint in IgnoreFingerprints, for example [NoLeaks(IgnoreFingerprints = new[] { "4d4d6cd2" })]; see README "Ignoring known leaks".
        """;

    private const string ExpectedLinked = """
        LeakCheck.LeakDetectedException : LeakCheck: 1 item created by LeakCheck.Xunit.Scenarios.LeakyCancellationRegistrations.Leaves_a_linked_source_undisposed is still alive after the test (settled in N ms; forced GCs: 0 gen1, 0 full).

        [1] Cancellation registration CancellationTokenSource.CreateLinkedTokenSource
            a linked CancellationTokenSource never disposed, registered on static LeakCheck.Xunit.Scenarios.ApplicationLifetime.Stopping
            callback registered on it: LeakCheck.Xunit.Scenarios.LeakyCancellationRegistrations.Leaves_a_linked_source_undisposed() (lambda) in CancellationScenarios.cs:line N
            created at: not recorded for cancellation registrations (the runtime raises no event for Register); the callback above names it
            fingerprint: a79c7713

        To accept a known leak, list its fingerprint in IgnoreFingerprints, for example [NoLeaks(IgnoreFingerprints = new[] { "a79c7713" })]; see README "Ignoring known leaks".
        """;

    private const string ExpectedFixture = """
        LeakCheck.LeakDetectedException : LeakCheck: 1 item created by LeakCheck.Xunit.Scenarios.FixtureHostRegistrations.Leaves_a_callback_on_the_host_lifetime is still alive after the test (settled in N ms; forced GCs: 0 gen1, 0 full).

        [1] Cancellation registration CancellationToken.Register
            registered on LeakCheck.Xunit.Scenarios.HostFixture.Host._applicationLifetime._stoppingSource (held by the test's fixture), never unregistered (dispose the CancellationTokenRegistration)
            callback: LeakCheck.Xunit.Scenarios.FixtureHostRegistrations.OnStopping() in CancellationScenarios.cs:line N
            created at: not recorded for cancellation registrations (the runtime raises no event for Register); the callback above names it
            fingerprint: d2cfcef5

        To accept a known leak, list its fingerprint in IgnoreFingerprints, for example [NoLeaks(IgnoreFingerprints = new[] { "d2cfcef5" })]; see README "Ignoring known leaks".
        """;

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void A_callback_left_on_the_application_lifetime_of_a_fixture_host_fails_the_test_and_its_clean_twin_passes(bool parallel)
    {
        var results = ScenarioRunner.Run(leakCheckFramework: true, parallel, typeof(FixtureHostRegistrations));

        results.Select(r => (r.DisplayName, r.Outcome)).Should().Equal(
            ("LeakCheck.Xunit.Scenarios.FixtureHostRegistrations.Disposes_its_callback_on_the_host_lifetime", ScenarioOutcome.Passed),
            ("LeakCheck.Xunit.Scenarios.FixtureHostRegistrations.Leaves_a_callback_on_the_host_lifetime", ScenarioOutcome.Failed));
        ReportText.Normalize(results[1].Failure).Should().Be(ExpectedFixture);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void Registrations_the_test_left_on_a_long_lived_token_fail_it_and_the_clean_twins_pass(bool parallel)
    {
        var results = ScenarioRunner.Run(leakCheckFramework: true, parallel, typeof(LeakyCancellationRegistrations), typeof(CleanCancellationRegistrations));

        results.Select(r => (r.DisplayName, r.Outcome)).Should().Equal(
            ("LeakCheck.Xunit.Scenarios.CleanCancellationRegistrations.Disposes_its_linked_source", ScenarioOutcome.Passed),
            ("LeakCheck.Xunit.Scenarios.CleanCancellationRegistrations.Disposes_its_registration", ScenarioOutcome.Passed),
            ("LeakCheck.Xunit.Scenarios.LeakyCancellationRegistrations.Leaves_a_callback_registered", ScenarioOutcome.Failed),
            ("LeakCheck.Xunit.Scenarios.LeakyCancellationRegistrations.Leaves_a_linked_source_undisposed", ScenarioOutcome.Failed));
        ReportText.Normalize(results[2].Failure).Should().Be(ExpectedRegistration);
        ReportText.Normalize(results[3].Failure).Should().Be(ExpectedLinked);
    }
}
