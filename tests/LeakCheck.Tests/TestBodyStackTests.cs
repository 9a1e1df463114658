using System;
using System.Reflection;
using System.Runtime.CompilerServices;
using System.Threading.Tasks;
using FluentAssertions;
using LeakCheck.Adapters;
using Xunit;

namespace LeakCheck.Tests;

/// <summary>The test method's own async state machine is awaited by the framework: its creation stack is not walked.</summary>
public class TestBodyStackTests
{
    private static readonly LeakCheckOptions s_short = new() { SettleTimeout = TimeSpan.FromMilliseconds(100), RetentionPaths = false };
    private static TaskCompletionSource? s_gate;

    [Fact]
    public void Plan_of_an_async_test_names_its_state_machine_and_a_synchronous_test_has_none()
    {
        var settings = new AttributeSettings();

        Plan(nameof(AsyncBody)).TestBodyOperation.Should().Be("Async: " + typeof(TestBodyStackTests).GetMethod(nameof(AsyncBody), BindingFlags.NonPublic | BindingFlags.Static)!
            .GetCustomAttribute<AsyncStateMachineAttribute>()!.StateMachineType.Name);
        Plan(nameof(SyncBody)).TestBodyOperation.Should().BeNull();

        CheckPlan Plan(string name) => CheckPlan.ForTestMethod(null, settings, null, typeof(TestBodyStackTests),
            typeof(TestBodyStackTests).GetMethod(name, BindingFlags.NonPublic | BindingFlags.Static)!)!;
    }

    [Fact]
    public async Task Only_the_first_creation_of_the_test_body_goes_unwalked()
    {
        s_gate = new TaskCompletionSource();
        var body = "Async: " + typeof(TestBodyStackTests).GetMethod(nameof(AsyncBody), BindingFlags.NonPublic | BindingFlags.Static)!
            .GetCustomAttribute<AsyncStateMachineAttribute>()!.StateMachineType.Name;
        var scope = LeakScope.Begin("body", s_short);
        scope.SkipFirstCreationStackOf(body);
        _ = AsyncBody();
        _ = AsyncBody();

        var report = await scope.EndAsync();
        s_gate.SetResult();

        report.Items.Should().HaveCount(2);
        report.Items[0].CreatedAt.Should().BeEmpty();
        report.Items[1].CreatedAt[0].Method.Should().Be("LeakCheck.Tests.TestBodyStackTests.AsyncBody()");
    }

    private static async Task AsyncBody() => await s_gate!.Task;

    private static void SyncBody()
    {
    }
}
