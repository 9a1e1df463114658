using FluentAssertions;
using LeakCheck.MSTest.Tests.Infrastructure;
using Xunit;

namespace LeakCheck.MSTest.Tests;

/// <summary>[assembly: NoLeaks] checks every test of the assembly; class and method attributes override what they set.</summary>
public class AssemblyLevelTests
{
    private const string Namespace = "LeakCheck.MSTest.Scenarios.AssemblyLevel";

    private static ScenarioResult Result(string className, string name)
        => Runs.AssemblyLevel.Results.Should().ContainSingle(r => r.ClassName == $"{Namespace}.{className}" && r.Name == name).Subject;

    [Fact]
    public void A_test_without_its_own_attribute_is_checked_by_the_assembly_attribute()
    {
        var result = Result("WithoutOwnAttribute", "Leaks");

        result.Outcome.Should().Be("Failed");
        ReportText.Normalize(result.Message).Should().Be(
            $"TestCleanup method {Namespace}.WithoutOwnAttribute.LeakCheck threw exception. LeakCheck.LeakDetectedException: "
            + $$"""
            LeakCheck: 1 item created by {{Namespace}}.WithoutOwnAttribute.Leaks is still alive after the test (settled in N ms; forced GCs: 1 gen1, 2 full).

            [1] Tracked object "assembly level" ({{Namespace}}.Session)
                created at:
                  {{Namespace}}.Kept.Add(String, Object) in AssemblyLevelScenarios.cs:line N
                  {{Namespace}}.WithoutOwnAttribute.Leaks() in AssemblyLevelScenarios.cs:line N
                fingerprint: 02f3b90e

            To accept a known leak, list its fingerprint in IgnoreFingerprints, for example [NoLeaks(IgnoreFingerprints = new[] { "02f3b90e" })]; see README "Ignoring known leaks".
            """ + ".");
    }

    [Fact]
    public void The_assembly_ignore_rule_accepts_its_type()
        => Result("WithoutOwnAttribute", "Leaks_an_object_the_assembly_rule_ignores").Outcome.Should().Be("Passed");

    [Fact]
    public void Enabled_false_on_a_method_opts_it_out_of_the_assembly_check()
        => Result("WithoutOwnAttribute", "Opted_out").Outcome.Should().Be("Passed");

    [Fact]
    public void The_class_attributes_mode_wins_over_the_assemblys()
    {
        var result = Result("ClassOverridesAssembly", "Warns");

        result.Outcome.Should().Be("Passed");
        ReportText.Normalize(result.Output).Should().Be(
            $$"""
            TestContext Messages:
            LeakCheck (warn mode: the test keeps its outcome):
            LeakCheck: 1 item created by {{Namespace}}.ClassOverridesAssembly.Warns is still alive after the test (settled in N ms; forced GCs: 1 gen1, 2 full).

            [1] Tracked object "class warns" ({{Namespace}}.Session)
                created at:
                  {{Namespace}}.Kept.Add(String, Object) in AssemblyLevelScenarios.cs:line N
                  {{Namespace}}.ClassOverridesAssembly.Warns() in AssemblyLevelScenarios.cs:line N
                fingerprint: af08ad0f

            To accept a known leak, list its fingerprint in IgnoreFingerprints, for example [NoLeaks(IgnoreFingerprints = new[] { "af08ad0f" })]; see README "Ignoring known leaks".
            """);
    }
}
