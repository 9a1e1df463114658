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

        Plan(nameof(AsyncBody)).TestBodyOperation.Should().Be("Async: <AsyncBody>d__");
        Plan(nameof(SyncBody)).TestBodyOperation.Should().BeNull();

        CheckPlan Plan(string name) => CheckPlan.ForTestMethod(null, settings, null, typeof(TestBodyStackTests),
            typeof(TestBodyStackTests).GetMethod(name, BindingFlags.NonPublic | BindingFlags.Static)!)!;
    }

    [Fact]
    public async Task Only_the_first_creation_of_the_test_body_goes_unwalked()
    {
        s_gate = new TaskCompletionSource();
        var scope = LeakScope.Begin("body", s_short);
        scope.SkipFirstCreationStackOf("Async: <AsyncBody>d__");
        _ = AsyncBody();
        _ = AsyncBody();

        var report = await scope.EndAsync();
        s_gate.SetResult();

        report.Items.Should().HaveCount(2);
        report.Items[0].CreatedAt.Should().BeEmpty();
        report.Items[1].CreatedAt[0].Method.Should().Be("LeakCheck.Tests.TestBodyStackTests.AsyncBody()");
    }

    [Fact]
    public void The_test_body_is_the_state_machine_named_after_the_method_and_a_number()
    {
        // What C# names the state machine of the method this plan is for (the runtime's operation is "Async: " and that name).
        var stateMachine = typeof(TestBodyStackTests).GetMethod(nameof(AsyncBody), BindingFlags.NonPublic | BindingFlags.Static)!
            .GetCustomAttribute<AsyncStateMachineAttribute>()!.StateMachineType.Name;
        stateMachine.Should().MatchRegex("^<AsyncBody>d__[0-9]+$");

        Unwalked("Async: " + stateMachine).Should().BeTrue();
        Unwalked("Async: <AsyncBody>d__").Should().BeFalse("no number follows");
        Unwalked("Async: <AsyncBody>d__1x").Should().BeFalse();
        Unwalked("Async: <AsyncBody>d__1>d").Should().BeFalse();
        Unwalked("Async: <<AsyncBody>g__Local|0_0>d").Should().BeFalse("a local function's state machine is not the test body");
        Unwalked("Async: <AsyncBodyOther>d__1").Should().BeFalse();

        var scope = new Scopes.ScopeState("once", new LeakCheckOptions(), 0) { UnwalkedOperation = "Async: <AsyncBody>d__" };
        scope.TakeUnwalked("Async: <AsyncBody>d__4").Should().BeTrue();
        scope.TakeUnwalked("Async: <AsyncBody>d__4").Should().BeFalse("only the first creation goes unwalked");

        static bool Unwalked(string operation)
            => new Scopes.ScopeState("match", new LeakCheckOptions(), 0) { UnwalkedOperation = "Async: <AsyncBody>d__" }.TakeUnwalked(operation);
    }

    private static async Task AsyncBody() => await s_gate!.Task;

    private static void SyncBody()
    {
    }
}
