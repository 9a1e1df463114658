using System;
using System.Linq;
using System.Text.RegularExpressions;
using System.Threading;
using System.Threading.Tasks;
using FluentAssertions;
using Xunit;

namespace LeakCheck.Tests;

/// <summary>
/// <c>ThreadPool.QueueUserWorkItem</c>: a work item the test queued that never returns is reported; one that returns
/// (while settling, too), an unsafe one (no context) and one queued before the test are not; a stuck task or async
/// method, or a periodic timer whose callback runs, is reported as what it is, not also as a work item.
/// </summary>
public class WorkItemProbeTests
{
    private static LeakCheckOptions Options(int settleMilliseconds = 100)
        => new() { SettleTimeout = TimeSpan.FromMilliseconds(settleMilliseconds), RetentionPaths = false };

    [Fact]
    public void Work_item_that_never_returns_is_reported()
    {
        var gate = new ManualResetEventSlim(); // not disposed: a work item may still be waking from it
        using var started = new ManualResetEventSlim();
        var scope = LeakScope.Begin("work item", Options());
        ThreadPool.QueueUserWorkItem(_ => { started.Set(); gate.Wait(); });
        started.Wait();

        var report = scope.End();
        gate.Set();

        Regex.Replace(report.Message, @"settled in \d+ ms", "settled in N ms").Should().Be(
            """
            LeakCheck: 1 item created by work item is still alive after the test (settled in N ms; forced GCs: 0 gen1, 0 full).

            [1] Work item thread-pool work item
                still running on a thread-pool thread (queued with ThreadPool.QueueUserWorkItem, or a callback that captured the test's context)
                created at: not recorded for work items (the runtime raises no event for QueueUserWorkItem and cannot read a running thread's stack)
                fingerprint: 7a2735ce

            To accept a known leak, list its fingerprint in LeakCheckOptions.IgnoreFingerprints, for example IgnoreFingerprints = new[] { "7a2735ce" }; see README "Ignoring known leaks".
            """);
    }

    [Fact]
    public async Task Work_items_are_still_seen_after_code_ran_unowned_on_the_pool()
    {
        // Leaving LeakScope.Unowned()'s context on a pool thread (once a scope had switched the probe on) turned the
        // probe off for the rest of the run: the unowned marker is a scope without probe slots.
        LeakScope.Begin("switches the probes on", Options()).End();
        using (LeakScope.Unowned())
        {
            await Task.Run(static () => { });
            await Task.Yield();
        }

        var gate = new ManualResetEventSlim(); // not disposed: a work item may still be waking from it
        using var started = new ManualResetEventSlim();
        var scope = LeakScope.Begin("work item after unowned code", Options());
        ThreadPool.QueueUserWorkItem(_ => { started.Set(); gate.Wait(); });
        started.Wait();

        var report = await scope.EndAsync();
        gate.Set();

        report.Items.Select(i => i.Kind).Should().Equal([LeakKind.WorkItem], report.Message);
        report.Notices.Should().BeEmpty();
    }

    [Fact]
    public void Work_item_that_returns_while_settling_is_not_reported()
    {
        using var gate = new ManualResetEventSlim();
        using var started = new ManualResetEventSlim();
        var scope = LeakScope.Begin("short work item", Options(settleMilliseconds: 60_000));
        ThreadPool.QueueUserWorkItem(_ => { started.Set(); gate.Wait(); });
        started.Wait();
        ThreadPool.UnsafeQueueUserWorkItem(static g => { Thread.Sleep(20); ((ManualResetEventSlim)g!).Set(); }, gate);

        var report = scope.End();

        report.HasLeaks.Should().BeFalse(report.Message);
    }

    [Fact]
    public void Unsafe_work_item_and_one_queued_before_the_test_are_not_the_tests()
    {
        var gate = new ManualResetEventSlim(); // not disposed: a work item may still be waking from it
        using var bothStarted = new CountdownEvent(2);
        ThreadPool.QueueUserWorkItem(_ => { bothStarted.Signal(); gate.Wait(); });
        var scope = LeakScope.Begin("unowned work items", Options());
        ThreadPool.UnsafeQueueUserWorkItem(_ => { bothStarted.Signal(); gate.Wait(); }, null);
        bothStarted.Wait();

        var report = scope.End();
        gate.Set();

        report.HasLeaks.Should().BeFalse(report.Message);
    }

    [Fact]
    public async Task Stuck_task_is_a_task_and_not_also_a_work_item()
    {
        using var gate = new ManualResetEventSlim();
        using var started = new ManualResetEventSlim();
        var scope = LeakScope.Begin("stuck task", Options());
        var running = Task.Run(() => { started.Set(); gate.Wait(); });
        started.Wait();

        var report = await scope.EndAsync();
        gate.Set();
        await running;

        report.Items.Select(i => i.Kind).Should().Equal(LeakKind.Task);
    }

    [Fact]
    public async Task Async_method_blocked_between_awaits_is_an_async_method_and_not_also_a_work_item()
    {
        using var gate = new ManualResetEventSlim();
        using var started = new ManualResetEventSlim();
        var scope = LeakScope.Begin("blocked async method", Options());
        var running = BlockAfterYieldAsync(started, gate);
        started.Wait();

        var report = await scope.EndAsync();
        gate.Set();
        await running;

        report.Items.Select(i => i.Kind).Should().Equal(LeakKind.AsyncMethod);
    }

    [Fact]
    public void Periodic_timer_whose_callback_is_running_is_a_timer_and_not_also_a_work_item()
    {
        var gate = new ManualResetEventSlim(); // not disposed: the callback may still be waking from it
        using var started = new ManualResetEventSlim();
        var scope = LeakScope.Begin("running timer callback", Options());
        using var timer = new Timer(_ => { started.Set(); gate.Wait(); }, null, 0, 60_000);
        started.Wait();

        var report = scope.End();
        gate.Set();

        report.Items.Select(i => i.Kind).Should().Equal(LeakKind.Timer);
    }

    [Fact]
    public async Task Parallel_scopes_each_own_only_their_own_work_item()
    {
        var gate = new ManualResetEventSlim(); // not disposed: a work item may still be waking from it
        async Task<LeakReport> Run(string name, bool leak)
        {
            await Task.Yield();
            using var started = new ManualResetEventSlim();
            // The clean one must finish, however loaded the machine: it gets a budget it cannot run out of.
            var scope = LeakScope.Begin(name, Options(settleMilliseconds: leak ? 100 : 60_000));
            ThreadPool.QueueUserWorkItem(_ => { started.Set(); if (leak) { gate.Wait(); } });
            started.Wait();
            return await scope.EndAsync();
        }

        var reports = await Task.WhenAll(Run("leaky", leak: true), Run("clean", leak: false), Run("leaky too", leak: true));
        gate.Set();

        reports.Select(r => r.Items.Count).Should().Equal([1, 0, 1], string.Join("\n", reports.Select(r => r.Message)));
    }

    private static async Task BlockAfterYieldAsync(ManualResetEventSlim started, ManualResetEventSlim gate)
    {
        await Task.Yield();
        started.Set();
        gate.Wait();
    }
}
