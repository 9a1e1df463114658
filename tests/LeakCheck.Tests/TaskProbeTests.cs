using System;
using System.Linq;
using System.Runtime.CompilerServices;
using System.Threading;
using System.Threading.Channels;
using System.Threading.Tasks;
using FluentAssertions;
using LeakCheck.Probes.Tasks;
using Xunit;

namespace LeakCheck.Tests;

public class TaskProbeTests
{
    private static readonly LeakCheckOptions s_short = new() { SettleTimeout = TimeSpan.FromMilliseconds(150) };

    [Fact]
    public async Task Async_code_that_ends_its_own_scope_is_not_its_own_leak()
    {
        var scope = LeakScope.Begin("self", s_short);
        await Task.Delay(1);
        await Task.Yield();

        var report = await scope.EndAsync();

        report.HasLeaks.Should().BeFalse(report.Message);
    }

    [Fact]
    public async Task Synchronous_End_from_an_async_method_is_not_its_own_leak()
    {
        var scope = LeakScope.Begin("sync end", s_short);
        await Task.Yield();

        var report = scope.End();

        report.HasLeaks.Should().BeFalse(report.Message);
    }

    [Fact]
    public async Task VerifyAsync_after_awaits_passes_when_nothing_is_left()
    {
        var scope = LeakScope.Begin("verify", s_short);
        await Task.Run(() => Thread.Sleep(1));

        var report = await scope.VerifyAsync();

        report.HasLeaks.Should().BeFalse();
    }

    [Fact]
    public async Task Task_left_running_is_reported_with_its_delegate()
    {
        using var stop = new ManualResetEventSlim();
        var scope = LeakScope.Begin("running", s_short);
        _ = Task.Run(() => stop.Wait());

        var report = await scope.EndAsync();
        stop.Set();

        var item = report.Items.Should().ContainSingle().Which;
        item.Kind.Should().Be(LeakKind.Task);
        item.TypeName.Should().Be("LeakCheck.Tests.TaskProbeTests.Task_left_running_is_reported_with_its_delegate() (lambda)");
    }

    [Fact]
    public async Task Async_method_collected_while_suspended_is_reported_as_abandoned()
    {
        var scope = LeakScope.Begin("abandoned", s_short);
        StartReaderOnAChannelNobodyKeeps();

        var report = await scope.EndAsync();

        var item = report.Items.Should().ContainSingle().Which;
        item.Kind.Should().Be(LeakKind.AbandonedAsyncMethod);
        item.TypeName.Should().Be("LeakCheck.Tests.TaskProbeTests.ReadOne(ChannelReader<Int32>)");
        item.Details.Should().Equal(
            "was waiting at await #1: ChannelReader<Int32>.ReadAsync when it was garbage-collected: it never completes and its finally blocks never run");
    }

    [Fact]
    public async Task Work_created_outside_the_scope_is_not_reported()
    {
        using var stop = new ManualResetEventSlim();
        var outside = Task.Run(() => stop.Wait());
        var scope = LeakScope.Begin("inside", s_short);

        var report = await scope.EndAsync();
        stop.Set();
        await outside;

        report.HasLeaks.Should().BeFalse();
    }

    [Fact]
    public void Probe_reports_itself_unavailable_when_the_runtime_layout_differs()
    {
        var layout = new LeakCheck.Runtime.TaskRegistry(typeof(NotATask));

        layout.UnavailableReason.Should().Be(
            "missing runtime members: NotATask.s_asyncDebuggingEnabled (not found), NotATask.s_currentActiveTasks (not found), NotATask.m_action (type Int32)");
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void StartReaderOnAChannelNobodyKeeps() => _ = ReadOne(Channel.CreateUnbounded<int>().Reader);

    private static async Task<int> ReadOne(ChannelReader<int> reader) => await reader.ReadAsync();

    private sealed class NotATask
    {
#pragma warning disable CS0169, CA1823, IDE0051 // The field exists only to have the wrong type.
        private int m_action;
#pragma warning restore CS0169, CA1823, IDE0051
    }
}
