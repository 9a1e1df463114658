using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;
using FluentAssertions;
using LeakCheck.Probes;
using LeakCheck.Probes.Tasks;
using Xunit;
using Xunit.Sdk;

namespace LeakCheck.Tests;

public class InfrastructureCreationsTests
{
    [Fact]
    public void Delegate_task_of_the_test_framework_is_infrastructure_and_a_tests_lambda_is_not()
    {
        // The runtime registers tasks only while a scope is live.
        using var live = LeakScope.Begin("registry on");
        var creations = new InfrastructureCreations(LeakCheck.Runtime.TaskRegistry.Instance);
        var neverRuns = new NeverRunningScheduler();
        var framework = new Task(new ExceptionAggregator().Clear);
        var test = new Task(() => { });
        framework.Start(neverRuns);
        test.Start(neverRuns);

        creations.IsInfrastructure(framework.Id, "Task: Clear").Should().BeTrue();
        creations.IsInfrastructure(test.Id, "Task: <Delegate_task_of_the_test_framework_is_infrastructure_and_a_tests_lambda_is_not>b__0_0").Should().BeFalse();
    }

    [Fact]
    public async Task Async_method_of_the_test_framework_is_learned_as_infrastructure_and_the_tests_own_is_not()
    {
        var scope = LeakScope.Begin("framework work", new LeakCheckOptions { SettleTimeout = TimeSpan.FromMilliseconds(150) });
        for (var i = 0; i < 2; i++)
        {
            var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            var run = new ExceptionAggregator().RunAsync(() => AwaitGateAsync(gate.Task));
            gate.SetResult();
            await run;
        }

        var report = await scope.EndAsync();

        report.HasLeaks.Should().BeFalse(report.Message);
        var learned = ((TaskProbe)ProbeRegistry.All[ProbeRegistry.TasksIndex]).Infrastructure.AsyncMethods;
        learned.Where(kv => kv.Key.StartsWith("Async: <RunAsync>d__", StringComparison.Ordinal)).Should().NotBeEmpty()
            .And.OnlyContain(kv => kv.Value, "xunit.execution's ExceptionAggregator.RunAsync is test-framework work");
        learned.Should().Contain(kv => kv.Key.StartsWith("Async: <AwaitGateAsync>d__", StringComparison.Ordinal) && !kv.Value);
    }

    [Fact]
    public void A_name_unlearned_after_a_collision_is_walked_again()
    {
        var creations = new InfrastructureCreations(LeakCheck.Runtime.TaskRegistry.Instance);

        creations.Unlearn("Async: <RunAsync>d__9");

        creations.IsInfrastructure(0, "Async: <RunAsync>d__9").Should().BeFalse();
    }

    private static async Task AwaitGateAsync(Task gate) => await gate;

    private sealed class NeverRunningScheduler : TaskScheduler
    {
        protected override IEnumerable<Task> GetScheduledTasks() => [];

        protected override void QueueTask(Task task)
        {
        }

        protected override bool TryExecuteTaskInline(Task task, bool taskWasPreviouslyQueued) => false;
    }
}
