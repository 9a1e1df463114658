using System;
using System.IO;
using System.Linq;
using System.Text.RegularExpressions;
using FluentAssertions;
using LeakCheck.Configuration;
using LeakCheck.Run;
using LeakCheck.Xunit.Scenarios.AssemblyLevel;
using LeakCheck.Xunit.Tests.Infrastructure;
using Xunit;

namespace LeakCheck.Xunit.Tests;

/// <summary>
/// Every test in a [NoLeaks] scope is checked, or the run says which were not: a library's own test case type
/// (FsCheck's [Property]) runs outside LeakCheck's runner. Each test owns LeakCheck's run, so they run alone.
/// </summary>
[Collection(nameof(ProcessEnvironment))]
public sealed class UncheckedTestTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("leakcheck-xunit-unchecked-").FullName;
    private readonly StringWriter _output = new();

    public UncheckedTestTests()
        => LeakRun.StartForTests(new RunSettings("Scenario.Tests", Path.Combine(_directory, "TestResults"), false, BaselineMode.Off, Path.Combine(_directory, "leakcheck.baseline")), _output);

    public void Dispose()
    {
        LeakRun.Complete();
        Directory.Delete(_directory, recursive: true);
    }

    [Fact]
    public void A_library_test_case_type_under_an_assembly_attribute_is_listed_as_not_checked()
    {
        var results = ScenarioRunner.Run(leakCheckFramework: true, typeof(LibraryTestCaseScenarios));

        results.Select(r => (r.DisplayName, r.Outcome)).Should().Equal(
            ("LeakCheck.Xunit.Scenarios.AssemblyLevel.LibraryTestCaseScenarios.Property_of_a_library", ScenarioOutcome.Passed));
        Normalize(_output.ToString()).Should().Be(
            """
            LeakCheck run NAME: 0 checks, 0 with leaks.
            1 test under [NoLeaks] NOT checked (their leaks are not reported):
            - LeakCheck.Xunit.Scenarios.AssemblyLevel.LibraryTestCaseScenarios.Property_of_a_library: its test case type LeakCheck.Xunit.Scenarios.AssemblyLevel.LibraryTestCase runs outside LeakCheck's test runner and without xUnit's Before/After, so [NoLeaks] cannot check it (check it with LeakScope inside the test, or opt it out with [NoLeaks(Enabled = false)])
            """);
    }

    [Fact]
    public void A_library_test_case_type_on_xunits_runner_is_checked_once_in_attribute_mode()
    {
        var results = ScenarioRunner.Run(leakCheckFramework: true, typeof(DerivedTestCaseCheckedByAttribute));

        results.Select(r => (r.DisplayName, r.Outcome)).Should().Equal(
            ("LeakCheck.Xunit.Scenarios.AssemblyLevel.DerivedTestCaseCheckedByAttribute.Derived_fact", ScenarioOutcome.Passed));
        Normalize(_output.ToString()).Should().Be(
            """
            LeakCheck run NAME: 1 check, 0 with leaks.
            1 ignore rule matched nothing in this run; remove it if the leak is gone:
            - createdBy:LeakCheck.Xunit.Scenarios.AssemblyLevel.ProcessWideCache ([NoLeaks] on assembly LeakCheck.Xunit.Scenarios.AssemblyLevel)
            """);
    }

    private static string Normalize(string output)
        => Regex.Replace(output.TrimEnd('\n'), @"run Scenario\.Tests:", "run NAME:");
}
