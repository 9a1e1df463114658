using System;
using System.Linq;
using System.Text.RegularExpressions;
using System.Threading;
using System.Threading.Tasks;
using FluentAssertions;
using Xunit;

namespace LeakCheck.Tests;

public class ThreadProbeTests
{
    private static LeakCheckOptions Options(int settleMilliseconds = 100)
        => new() { SettleTimeout = TimeSpan.FromMilliseconds(settleMilliseconds), RetentionPaths = false };

    [Fact]
    public void Thread_the_test_started_and_left_running_is_reported_by_name()
    {
        using var gate = new ManualResetEventSlim();
        using var started = new ManualResetEventSlim();
        var scope = LeakScope.Begin("thread test", Options());
        var worker = new Thread(() => { started.Set(); gate.Wait(); }) { Name = "order worker", IsBackground = true };
        worker.Start();
        started.Wait(); // a thread is recorded when it starts running (see README "Limitations")

        var report = scope.End();
        gate.Set();
        worker.Join();

        Regex.Replace(report.Message, @"settled in \d+ ms", "settled in N ms").Should().Be(
            """
            LeakCheck: 1 item created by thread test is still alive after the test (settled in N ms; forced GCs: 1 gen1, 2 full).

            [1] Thread "order worker" (System.Threading.Thread)
                still running (background thread)
                created at: not recorded for threads (the runtime raises no event for Thread.Start); name the thread to find it
                fingerprint: 7d8fd048

            To accept a known leak, list its fingerprint in LeakCheckOptions.IgnoreFingerprints, for example IgnoreFingerprints = new[] { "7d8fd048" }; see README "Ignoring known leaks".
            """);
    }

    [Fact]
    public void Thread_started_in_the_last_statement_is_reported_even_when_it_enters_managed_code_after_the_check_began()
    {
        // Thread.Start returns once the new thread exists; the thread probe sees it only when it switches into the test's
        // context, on the new thread. Another AsyncLocal's change handler, notified before the scope's (it was set first),
        // holds the new thread at that point until the check is waiting (the checking thread sleeps in the settle loop),
        // so the check always begins before the thread is recorded.
        // Never disposed: the handler runs again when "late worker" exits, after this test (a disposed event would throw
        // there, inside a runtime notification, and end the test host).
        var release = new ManualResetEventSlim();
        var stop = new ManualResetEventSlim();
        var delay = new AsyncLocal<object?>(args =>
        {
            if (args.ThreadContextChanged && Thread.CurrentThread.Name == "late worker")
            {
                release.Wait();
            }
        });
        delay.Value = new object();
        var scope = LeakScope.Begin("late thread", Options(settleMilliseconds: 1_000));
        new Thread(() => stop.Wait()) { Name = "late worker", IsBackground = true }.Start();
        var checking = Thread.CurrentThread;
        ThreadPool.UnsafeQueueUserWorkItem(
            r =>
            {
                while (!r.IsSet && (checking.ThreadState & ThreadState.WaitSleepJoin) == 0)
                {
                    Thread.Sleep(1);
                }

                r.Set();
            },
            release,
            preferLocal: false);

        var report = scope.End();
        release.Set();
        stop.Set();
        delay.Value = null;

        report.Items.Select(i => (i.Kind, i.Name)).Should().Equal((LeakKind.Thread, "late worker"));
        (report.Gen1Collections, report.FullCollections).Should().Be(
            (1, 2), "the evidence is the same as for a thread recorded before the check began (gen1, full, grace full)");
    }

    [Fact]
    public void Thread_that_finishes_while_settling_is_not_reported()
    {
        using var gate = new ManualResetEventSlim();
        var scope = LeakScope.Begin("short thread", Options(settleMilliseconds: 60_000));
        var worker = new Thread(() => gate.Wait()) { IsBackground = true };
        worker.Start();
        ThreadPool.UnsafeQueueUserWorkItem(static g => { Thread.Sleep(20); ((ManualResetEventSlim)g!).Set(); }, gate);

        var report = scope.End();

        report.HasLeaks.Should().BeFalse(report.Message);
        worker.Join();
    }

    [Fact]
    public async Task Long_running_task_is_reported_as_a_task_not_also_as_a_thread()
    {
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var scope = LeakScope.Begin("long running", Options());
        var running = Task.Factory.StartNew(() => gate.Task.Wait(), CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);

        var report = await scope.EndAsync();
        gate.SetResult();
        await running;

        report.Items.Select(i => i.Kind).Should().Equal(LeakKind.Task);
    }

    [Fact]
    public void Thread_started_without_the_test_context_has_no_owner()
    {
        using var gate = new ManualResetEventSlim();
        var scope = LeakScope.Begin("unsafe start", Options());
        var worker = new Thread(() => gate.Wait()) { IsBackground = true };
        worker.UnsafeStart();

        var report = scope.End();
        gate.Set();
        worker.Join();

        report.HasLeaks.Should().BeFalse(report.Message);
    }

    [Fact]
    public async Task A_continuation_of_the_test_running_on_someone_elses_thread_does_not_make_that_thread_the_tests()
    {
        using var stop = new ManualResetEventSlim();
        var completion = new TaskCompletionSource();
        var release = new ManualResetEventSlim();
        var host = new Thread(() =>
        {
            release.Wait();
            completion.SetResult(); // the test's continuation runs inline here, in the test's context
            stop.Wait();
        }) { IsBackground = true, Name = "host thread" };
        host.Start();

        var scope = LeakScope.Begin("continuation on a host thread", Options());
        var awaited = AwaitOn(completion.Task);
        release.Set();
        await awaited;
        var report = await scope.EndAsync();
        stop.Set();
        host.Join();
        release.Dispose();

        report.HasLeaks.Should().BeFalse(report.Message);
    }

    [Fact]
    public void Thread_that_stops_when_the_garbage_it_serves_is_finalized_is_not_reported()
    {
        // The shape of FileSystemWatcher on Linux (a host stopped and disposed leaves its configuration watcher as
        // garbage; its finalizer stops the ".NET File Watcher" thread): only a collection lets such a thread end.
        using var started = new ManualResetEventSlim();
        var scope = LeakScope.Begin("thread of garbage", Options(settleMilliseconds: 60_000));
        var worker = StartServedThread(started);
        started.Wait();

        var report = scope.End();

        // (A collection of the test process itself may finalize it first; then the thread is gone before the check.)
        report.HasLeaks.Should().BeFalse(report.Message);
        worker.Join(TimeSpan.FromSeconds(10)).Should().BeTrue();
    }

    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.NoInlining)]
    private static Thread StartServedThread(ManualResetEventSlim started)
    {
        var stop = new ManualResetEventSlim();
        _ = new StopsThreadWhenFinalized(stop);
        var worker = new Thread(() => { started.Set(); stop.Wait(); }) { IsBackground = true, Name = "served worker" };
        worker.Start();
        return worker;
    }

    private sealed class StopsThreadWhenFinalized(ManualResetEventSlim stop)
    {
        ~StopsThreadWhenFinalized() => stop.Set();
    }

    private static async Task AwaitOn(Task task) => await task;
}
