using System;
using System.Threading;
using System.Threading.Tasks;
using FluentAssertions;
using Xunit;

namespace LeakCheck.Tests;

/// <summary>
/// Work created while an owned task runs belongs to that task's owner even when no execution context flows into
/// it (<see cref="ExecutionContext.SuppressFlow"/>): ownership must not depend on how the work was started.
/// </summary>
public sealed class SuppressedFlowTests : IDisposable
{
    private static readonly LeakCheckOptions s_short = new() { SettleTimeout = TimeSpan.FromMilliseconds(100), RetentionPaths = false };
    private readonly CancellationTokenSource _stop = new();

    [Fact]
    public async Task An_async_loop_started_by_Task_Run_under_SuppressFlow_is_reported()
    {
        var scope = LeakScope.Begin("suppressed");
        using (ExecutionContext.SuppressFlow())
        {
            _ = Task.Run(() =>
            {
                var loop = LoopAsync(_stop.Token);
                _started = true; // LoopAsync returned: it has suspended at its first await.
                return loop;
            });
        }

        await WaitUntil(() => _started);
        var report = await scope.EndAsync();

        report.Items.Should().ContainSingle().Which.TypeName.Should().Be("LeakCheck.Tests.SuppressedFlowTests.LoopAsync(CancellationToken)");
    }

    [Fact]
    public async Task Work_created_under_LeakScope_Unowned_inside_an_owned_task_stays_unowned()
    {
        var scope = LeakScope.Begin("unowned inside", s_short);
        await Task.Run(() =>
        {
            using (LeakScope.Unowned())
            {
                _ = LoopAsync(_stop.Token);
            }
        });

        var report = await scope.EndAsync();

        report.HasLeaks.Should().BeFalse(report.Message);
    }

    public void Dispose()
    {
        _stop.Cancel();
        _stop.Dispose();
    }

    private volatile bool _started;

    private static async Task LoopAsync(CancellationToken token)
    {
        while (!token.IsCancellationRequested)
        {
            await Task.Delay(TimeSpan.FromMinutes(5), token);
        }
    }

    private static async Task WaitUntil(Func<bool> condition)
    {
        while (!condition())
        {
            await Task.Delay(1);
        }
    }
}
