using System.Linq;
using FluentAssertions;
using LeakCheck.Xunit.Scenarios;
using LeakCheck.Xunit.Tests.Infrastructure;
using Xunit;

namespace LeakCheck.Xunit.Tests;

/// <summary>Suites with their own test framework: [NoLeaks] falls back to Before/After and says so.</summary>
public class AttributeModeTests
{
    [Fact]
    public void Leak_in_the_test_body_is_reported_with_the_attribute_mode_notice()
    {
        var result = ScenarioRunner.Run(leakCheckFramework: false, typeof(TrackedObjectScenarios))
            .Single(r => r.DisplayName.EndsWith(".Tracked_object_held_by_static_leaks", System.StringComparison.Ordinal));

        result.Outcome.Should().Be(ScenarioOutcome.Failed);
        ReportText.Normalize(result.Failure).Should().Be(
            """
            LeakCheck.LeakDetectedException : LeakCheck: 1 item created by LeakCheck.Xunit.Scenarios.TrackedObjectScenarios.Tracked_object_held_by_static_leaks is still alive after the test (settled in N ms; forced GCs: 1 gen1, 2 full).

            [1] Tracked object "session" (LeakCheck.Xunit.Scenarios.Session)
                created at:
                  LeakCheck.Xunit.Scenarios.TrackedObjectScenarios.Tracked_object_held_by_static_leaks() in TrackedObjectScenarios.cs:line N
                fingerprint: 0e153c54

            To accept a known leak, list its fingerprint in IgnoreFingerprints, for example [NoLeaks(IgnoreFingerprints = new[] { "0e153c54" })]; see README "Ignoring known leaks".

            Notes:
            - LeakCheck ran in attribute mode (LeakCheck's test framework is not active for this test): the test class constructor, InitializeAsync, DisposeAsync and Dispose were not checked. See README "xUnit modes: test framework or attribute".
            """);
    }

    [Fact]
    public void Clean_tests_pass_in_attribute_mode()
    {
        var results = ScenarioRunner.Run(leakCheckFramework: false, typeof(TrackedObjectScenarios));

        results.Single(r => r.DisplayName.EndsWith(".Tracked_object_released_is_clean", System.StringComparison.Ordinal)).Outcome.Should().Be(ScenarioOutcome.Passed);
        results.Single(r => r.DisplayName.EndsWith(".Clean_test_without_tracking_is_clean", System.StringComparison.Ordinal)).Outcome.Should().Be(ScenarioOutcome.Passed);
    }

    [Fact]
    public void Framework_mode_runs_the_other_before_after_attributes_and_not_the_NoLeaks_attribute()
    {
        // LeakCheck's runner checks the test itself: the attribute's Before/After would do nothing, and xUnit would still
        // send and report four messages for it.
        var result = ScenarioRunner.Run(leakCheckFramework: true, typeof(BeforeAfterScenarios)).Single();

        result.Outcome.Should().Be(ScenarioOutcome.Passed);
        result.BeforeAttributes.Should().Equal("RecordingAttribute");
    }

    [Fact]
    public void Attribute_mode_runs_the_NoLeaks_attribute_beside_the_others()
    {
        var result = ScenarioRunner.Run(leakCheckFramework: false, typeof(BeforeAfterScenarios)).Single();

        result.Outcome.Should().Be(ScenarioOutcome.Passed);
        result.BeforeAttributes.Should().Equal("NoLeaksAttribute", "RecordingAttribute");
    }
}
