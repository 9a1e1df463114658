using System;
using System.Linq;
using FluentAssertions;
using LeakCheck.NUnit.Tests.Infrastructure;
using LeakCheck.Retention;
using LeakCheck.Xunit.Tests.Infrastructure;
using Xunit;

namespace LeakCheck.HeapAnalysis.Tests;

/// <summary>Retention paths through both adapters, with real dumps: referencing the package is all it takes.</summary>
[Collection(nameof(HeapDumps))]
public class AdapterTests
{
    [Fact]
    public void Failing_xUnit_test_explains_why_its_leak_is_alive()
    {
        RetentionStep.ResetCount();

        var result = ScenarioRunner.Run(leakCheckFramework: true, typeof(LeakCheck.Xunit.Scenarios.MethodLevelAttribute))
            .Single(r => r.DisplayName.EndsWith(".Checked_method_leaks", StringComparison.Ordinal));

        result.Outcome.Should().Be(ScenarioOutcome.Failed);
        result.Failure.Should().Contain(
            """
                alive because:
                  static LeakCheck.Xunit.Scenarios.StaticHolder.s_items (System.Collections.Generic.List<System.Object>)
                  System.Collections.Generic.List<System.Object>._items (System.Object[])
                  System.Object[] element (LeakCheck.Xunit.Scenarios.Session)
            """);
        result.Failure.Should().Contain("- Retention paths analysed in ");
    }

    [Fact]
    public void Failing_NUnit_test_explains_why_its_leak_is_alive()
    {
        RetentionStep.ResetCount();

        var result = NUnitScenarioRunner.Run(typeof(LeakCheck.NUnit.Scenarios.WarnMode)).Single();

        result.Outcome.Should().Be("Passed");
        result.Output.Should().Contain(
            """
                alive because:
                  static LeakCheck.NUnit.Scenarios.Kept.s_items (System.Collections.Generic.List<System.Object>)
                  System.Collections.Generic.List<System.Object>._items (System.Object[])
                  System.Object[] element (LeakCheck.NUnit.Scenarios.Connection)
            """);
    }
}
