using System;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using FluentAssertions;
using LeakCheck.Probes.Threads;
using LeakCheck.Runtime;
using LeakCheck.Scopes;
using Xunit;

namespace LeakCheck.Tests;

/// <summary>
/// A thread that exists but has not run managed code makes a check wait only when its test's code could have created
/// it: its id was handed out while that test ran. Alone in its collection: a thread another test starts meanwhile
/// would be one of those.
/// </summary>
[CollectionDefinition(nameof(StartingThreadsTests), DisableParallelization = true)]
[Collection(nameof(StartingThreadsTests))]
public sealed class StartingThreadsTests
{
    [Fact]
    public void A_starting_thread_counts_only_for_the_scopes_whose_code_ran_when_it_was_created()
    {
        OsThreads.Instance.UnavailableReason.Should().BeNull("the tests run on Linux");
        var starting = new StartingThreads();
        starting.Initialize();
        var running = new ScopeState("running when the thread was created", new LeakCheckOptions(), 0);
        ScopeIdRanges.Begin(running);
        var ended = new ScopeState("ended before", new LeakCheckOptions(), 0);
        ScopeIdRanges.Begin(ended);
        ScopeIdRanges.End(ended);

        // Started without a context, it never enters one: it stays "starting" until it exits or expires.
        using var release = new ManualResetEventSlim();
        var thread = new Thread(() => release.Wait()) { Name = "held worker", IsBackground = true };
        thread.UnsafeStart();
        ScopeIdRanges.End(running);
        // Ended at once too: a pool worker the runtime adds meanwhile (under load) must not fall into its range.
        var later = new ScopeState("begun after", new LeakCheckOptions(), 0);
        ScopeIdRanges.Begin(later);
        ScopeIdRanges.End(later);

        var forRunning = starting.AnyStarting(running.Id, out _);
        var forEnded = starting.AnyStarting(ended.Id, out _);
        var forLater = starting.AnyStarting(later.Id, out _);
        release.Set();
        thread.Join();

        (forRunning, forEnded, forLater).Should().Be((true, false, false));
    }

    [Fact]
    public async Task A_thread_that_ran_a_task_before_entering_any_scope_is_not_starting()
    {
        var starting = new StartingThreads();
        starting.Initialize();
        var running = new ScopeState("running when the task's thread was created", new LeakCheckOptions(), 0);
        ScopeIdRanges.Begin(running);

        // A long-running task gets a thread of its own, which runs the task before anything else: it is not a thread a
        // test started, whatever its name, and checks do not wait for it.
        using var ran = new ManualResetEventSlim();
        using var release = new ManualResetEventSlim();
        Task task;
        using (ExecutionContext.SuppressFlow())
        {
            task = Task.Factory.StartNew(() => { ran.Set(); release.Wait(); }, CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);
        }

        ran.Wait();
        ScopeIdRanges.End(running);
        var forRunning = starting.AnyStarting(running.Id, out _);
        release.Set();
        await task;

        forRunning.Should().BeFalse();
    }

    [Fact]
    public async Task A_check_waiting_for_a_starting_thread_is_woken_when_the_thread_runs_managed_code()
    {
        var starting = new StartingThreads();
        starting.Initialize();
        var scope = new ScopeState("starts a thread", new LeakCheckOptions(), 0);
        ScopeIdRanges.Begin(scope);

        // Held before it runs any managed code of its own (a native wait would do the same): the check sees it starting.
        using var go = new ManualResetEventSlim();
        using var release = new ManualResetEventSlim();
        var thread = new Thread(() => { go.Wait(); StartingThreads.MarkCurrentThread(); release.Wait(); }) { IsBackground = true };
        thread.UnsafeStart();
        ScopeIdRanges.End(scope);
        var isStarting = starting.AnyStarting(scope.Id, out var marksSeen);
        var changed = StartingThreads.NextMarkAfter(marksSeen);

        go.Set();
        // Generous: a lost wake-up fails here instead of hanging the run.
        await changed.WaitAsync(TimeSpan.FromSeconds(30));
        var afterMark = starting.AnyStarting(scope.Id, out _);
        release.Set();
        thread.Join();

        // A mark by any other thread meanwhile also completes the task (a wake-up means one more look): only the
        // thread's own state is asserted.
        (isStarting, afterMark).Should().Be((true, false));
    }

    [Fact]
    public async Task Waiting_for_the_next_mark_after_one_already_happened_completes_at_once()
    {
        new StartingThreads().Initialize();
        var seen = StartingThreads.Marks;
        await Task.Factory.StartNew(static () => { }, CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);

        var changed = StartingThreads.NextMarkAfter(seen);
        await changed.WaitAsync(TimeSpan.FromSeconds(30));

        StartingThreads.Marks.Should().BeGreaterThan(seen);
    }

    [Fact]
    public void The_threads_created_between_two_readings_are_found_one_by_one_and_from_the_whole_list_alike()
    {
        var before = OsThreads.Instance.LastCreatedId();
        using var release = new ManualResetEventSlim();
        var threads = Enumerable.Range(0, 3).Select(_ => new Thread(() => release.Wait()) { IsBackground = true }).ToList();
        threads.ForEach(t => t.UnsafeStart());
        var after = OsThreads.Instance.LastCreatedId();

        var oneByOne = OsThreads.Instance.ThreadsCreatedBetween(before, after);
        // Far more ids than are probed one by one: the whole thread list is read and cut to the range.
        var farBefore = (int)((before - 10_000 + OsThreads.Instance.IdCount) % OsThreads.Instance.IdCount);
        var fromList = OsThreads.Instance.ThreadsCreatedBetween(farBefore, after);
        var none = OsThreads.Instance.ThreadsCreatedBetween(after, after);
        release.Set();
        threads.ForEach(t => t.Join());

        // Ids the caller already knows are taken as they are, not looked up (these threads have exited, or are exiting).
        var known = OsThreads.Instance.ThreadsCreatedBetween(before, after, oneByOne.Contains);
        known.Should().BeEquivalentTo(oneByOne);

        oneByOne.Should().HaveCount(3).And.OnlyContain(id => OsThreads.Instance.IsAfter(id, before) && !OsThreads.Instance.IsAfter(id, after));
        fromList.Should().Contain(oneByOne).And.OnlyContain(id => OsThreads.Instance.IsAfter(id, farBefore) && !OsThreads.Instance.IsAfter(id, after));
        none.Should().BeEmpty();
    }

    [Theory]
    [InlineData(".NET BGC", true)]
    [InlineData(".NET Tiered Com", true)]
    [InlineData(".NET TP Gate", true)]
    [InlineData(".NET Timer", true)]
    [InlineData(".NET TP Worker", false)]
    [InlineData(".NET Long Runni", false)]
    [InlineData(".NET Finalizer", false)]
    [InlineData("testhost", false)]
    public void Only_the_runtimes_service_threads_are_known_by_name_to_run_no_user_code(string name, bool service)
        => OsThreads.IsRuntimeServiceThread(name).Should().Be(service);
}
