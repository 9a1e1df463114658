using System.Linq;
using FluentAssertions;
using LeakCheck.NUnit.Scenarios;
using LeakCheck.NUnit.Tests.Infrastructure;
using Xunit;

namespace LeakCheck.NUnit.Tests;

[Collection(nameof(NUnitRuns))]
public class SourcedCaseTests
{
    [Fact]
    public void TestCaseSource_cases_are_checked_one_by_one_and_a_repeated_leak_fails()
    {
        var results = NUnitScenarioRunner.Run(typeof(SourcedCases));

        results.Select(r => (r.FullName, r.Outcome)).Should().Equal(
            ("LeakCheck.NUnit.Scenarios.SourcedCases.Case(\"clean\",False)", "Passed"),
            ("LeakCheck.NUnit.Scenarios.SourcedCases.Case(\"leaky\",True)", "Failed"),
            ("LeakCheck.NUnit.Scenarios.SourcedCases.Repeated_leaky_test_fails", "Failed"));
        results[1].Message.Should().StartWith("LeakCheck: 1 item created by LeakCheck.NUnit.Scenarios.SourcedCases.Case(\"leaky\",True) is still alive");
        results[1].Message.Should().Contain("[1] Tracked object \"leaky\"");
    }
}
