using System;
using System.Linq;
using FluentAssertions;
using LeakCheck.NUnit.Scenarios;
using LeakCheck.NUnit.Scenarios.AssemblyLevel;
using LeakCheck.NUnit.Tests.Infrastructure;
using Xunit;

namespace LeakCheck.NUnit.Tests;

[Collection(nameof(NUnitRuns))]
public sealed class AssemblyAndEnvironmentTests : IDisposable
{
    public void Dispose() => Environment.SetEnvironmentVariable("LEAKCHECK_MODE", null);

    [Fact]
    public void Assembly_attribute_checks_every_test_and_a_fixture_attribute_refines_it()
    {
        var results = NUnitScenarioRunner.Run(typeof(CheckedByTheAssemblyAttribute), typeof(FixtureAttributeRefinesTheAssemblyOne));

        results.Select(r => (r.FullName, r.Outcome)).Should().Equal(
            ("LeakCheck.NUnit.Scenarios.AssemblyLevel.CheckedByTheAssemblyAttribute.Clean", "Passed"),
            ("LeakCheck.NUnit.Scenarios.AssemblyLevel.CheckedByTheAssemblyAttribute.Leaks", "Failed"),
            ("LeakCheck.NUnit.Scenarios.AssemblyLevel.FixtureAttributeRefinesTheAssemblyOne.Leak_is_only_a_warning", "Passed"));
        results[1].Message.Should().Contain("[1] Tracked object \"kept by static\" (System.Object)");
        results[2].Output.Should().StartWith("LeakCheck (warn mode: the test keeps its outcome):\nLeakCheck: 1 item created by");
    }

    [Fact]
    public void LEAKCHECK_MODE_warn_writes_the_report_to_the_output_and_passes()
    {
        Environment.SetEnvironmentVariable("LEAKCHECK_MODE", "warn");

        var result = NUnitScenarioRunner.Run(typeof(FixtureLevel)).Single(r => r.FullName.EndsWith(".Leaks_a_tracked_object", StringComparison.Ordinal));

        result.Outcome.Should().Be("Passed");
        result.Output.Should().StartWith(
            "LeakCheck (warn mode: the test keeps its outcome):\nLeakCheck: 1 item created by LeakCheck.NUnit.Scenarios.FixtureLevel.Leaks_a_tracked_object is still alive");
        Gate.ReleaseAll();
    }

    [Fact]
    public void Invalid_LEAKCHECK_MODE_fails_checked_tests_with_a_clear_error()
    {
        Environment.SetEnvironmentVariable("LEAKCHECK_MODE", "loud");

        var result = NUnitScenarioRunner.Run(typeof(FixtureLevel)).Single(r => r.FullName.EndsWith(".Clean", StringComparison.Ordinal));

        result.Outcome.Should().Be("Failed");
        result.Message.Should().Be(
            """
            LeakCheck configuration is invalid (LeakCheck environment variables):
            - LEAKCHECK_MODE must be fail, warn or off (was "loud").
            """);
        Gate.ReleaseAll();
    }
}
