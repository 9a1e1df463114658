using System;
using System.Linq;
using FluentAssertions;
using LeakCheck.Xunit.Scenarios;
using LeakCheck.Xunit.Tests.Infrastructure;
using Xunit;

namespace LeakCheck.Xunit.Tests;

[CollectionDefinition(nameof(ProcessEnvironment), DisableParallelization = true)]
public sealed class ProcessEnvironment
{
}

/// <summary>LEAKCHECK_MODE is process-wide, so these tests run alone, after every parallel test.</summary>
[Collection(nameof(ProcessEnvironment))]
public sealed class EnvironmentModeTests : IDisposable
{
    public void Dispose() => Environment.SetEnvironmentVariable("LEAKCHECK_MODE", null);

    [Fact]
    public void LEAKCHECK_MODE_warn_passes_a_leaky_test_and_writes_the_report()
    {
        Environment.SetEnvironmentVariable("LEAKCHECK_MODE", "warn");

        var result = ScenarioRunner.Run(leakCheckFramework: true, typeof(MethodLevelAttribute)).First();

        result.Outcome.Should().Be(ScenarioOutcome.Passed);
        result.Output.Should().StartWith("LeakCheck (warn mode: the test keeps its outcome):\nLeakCheck: 1 item created by LeakCheck.Xunit.Scenarios.MethodLevelAttribute.Checked_method_leaks");
    }

    [Fact]
    public void LEAKCHECK_MODE_off_does_no_check()
    {
        Environment.SetEnvironmentVariable("LEAKCHECK_MODE", "OFF");

        var result = ScenarioRunner.Run(leakCheckFramework: true, typeof(MethodLevelAttribute)).First();

        result.Outcome.Should().Be(ScenarioOutcome.Passed);
        result.Output.Should().BeEmpty();
    }

    [Fact]
    public void Invalid_LEAKCHECK_MODE_fails_checked_tests_with_a_clear_error()
    {
        Environment.SetEnvironmentVariable("LEAKCHECK_MODE", "loud");

        var result = ScenarioRunner.Run(leakCheckFramework: true, typeof(TrackedObjectScenarios))
            .Single(r => r.DisplayName.EndsWith(".Clean_test_without_tracking_is_clean", StringComparison.Ordinal));

        result.Outcome.Should().Be(ScenarioOutcome.Failed);
        result.Failure.Should().Be(
            """
            LeakCheck.LeakCheckConfigurationException : LeakCheck configuration is invalid (LeakCheck environment variables):
            - LEAKCHECK_MODE must be fail, warn or off (was "loud").
            """);
    }
}
