using System;
using System.Runtime.CompilerServices;
using System.Threading;
using System.Threading.Tasks;
using FluentAssertions;
using Xunit;

namespace LeakCheck.Tests;

/// <summary>Which link of a chain of awaiting tasks a report shows, and how a method nobody can resume is reported.</summary>
public class AwaitChainTests
{
    private static readonly LeakCheckOptions s_short = new() { SettleTimeout = TimeSpan.FromMilliseconds(150), RetentionPaths = false };

    [Fact]
    public async Task User_method_awaited_only_by_library_work_is_reported()
    {
        // Parallel.ForEachAsync, IMemoryCache.GetOrCreateAsync and hosting pipelines are library async methods that
        // await the user's callback: the library method is hidden, so the user's method is the leak to show.
        var reply = new TaskCompletionSource<int>();
        var scope = LeakScope.Begin("library awaits user", s_short);
        _ = Microsoft.LeakCheckTestDoubles.Pipeline.ExecuteStepAsync(() => WaitForReplyAsync(reply.Task));

        var report = await scope.EndAsync();

        reply.SetResult(1);
        var item = report.Items.Should().ContainSingle().Which;
        (item.Kind, item.TypeName).Should().Be((LeakKind.AsyncMethod, "LeakCheck.Tests.AwaitChainTests.WaitForReplyAsync(Task<Int32>)"));
        item.Details.Should().Equal("waiting at await #1: a task nobody completed (TaskCompletionSource)");
    }

    [Fact]
    public async Task Library_method_awaited_by_the_user_method_is_shown_inside_it()
    {
        var reply = new TaskCompletionSource<int>();
        var scope = LeakScope.Begin("user awaits library", s_short);
        _ = CallLibraryAsync(reply.Task);

        var report = await scope.EndAsync();

        reply.SetResult(1);
        var item = report.Items.Should().ContainSingle().Which;
        item.TypeName.Should().Be("LeakCheck.Tests.AwaitChainTests.CallLibraryAsync(Task<Int32>)");
        item.Details.Should().Equal("waiting at await #1: async Microsoft.LeakCheckTestDoubles.Pipeline.ExecuteStepAsync(Func<Task>)");
    }

    [Fact]
    public async Task Report_follows_the_chain_of_awaits_to_where_it_is_stuck()
    {
        var reply = new TaskCompletionSource<int>();
        var scope = LeakScope.Begin("nested", s_short);
        _ = Level1Async(reply.Task);

        var report = await scope.EndAsync();

        reply.SetResult(1);
        var item = report.Items.Should().ContainSingle().Which;
        item.TypeName.Should().Be("LeakCheck.Tests.AwaitChainTests.Level1Async(Task<Int32>)");
        item.Details.Should().Equal(
            "waiting at await #1: async LeakCheck.Tests.AwaitChainTests.Level2Async(Task<Int32>)",
            "which is waiting at await #1: async LeakCheck.Tests.AwaitChainTests.Level3Async(Task<Int32>)",
            "which is waiting at await #1: a task nobody completed (TaskCompletionSource)");
    }

    [Fact]
    public void Method_awaiting_a_task_nobody_else_references_is_abandoned_without_waiting()
    {
        // The runtime registers the awaited TaskCompletionSource task in its debugger registry, which would keep the
        // method alive until LeakCheck swept unowned entries: the verdict used to flip between "abandoned" and
        // "async method" with the timing, and so did the fingerprint.
        var scope = LeakScope.Begin("nobody can reply", s_short);
        StartWaitingOnAnOrphanTask();

        var report = scope.End();

        var item = report.Items.Should().ContainSingle().Which;
        (item.Kind, item.TypeName).Should().Be((LeakKind.AbandonedAsyncMethod, "LeakCheck.Tests.AwaitChainTests.WaitForReplyAsync(Task<Int32>)"));
        (report.Gen1Collections, report.FullCollections).Should().Be((1, 0));
    }

    [Fact]
    public void Method_waiting_on_a_semaphore_nobody_else_references_is_abandoned_without_waiting()
    {
        var scope = LeakScope.Begin("nobody can release", s_short);
        StartWaitingOnAnOrphanSemaphore();

        var report = scope.End();

        var item = report.Items.Should().ContainSingle().Which;
        (item.Kind, item.TypeName).Should().Be((LeakKind.AbandonedAsyncMethod, "LeakCheck.Tests.AwaitChainTests.EnterAsync(SemaphoreSlim)"));
        (report.Gen1Collections, report.FullCollections).Should().Be((1, 0));
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void StartWaitingOnAnOrphanTask() => _ = WaitForReplyAsync(new TaskCompletionSource<int>().Task);

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void StartWaitingOnAnOrphanSemaphore() => _ = EnterAsync(new SemaphoreSlim(0));

    private static async Task<int> WaitForReplyAsync(Task<int> reply) => await reply;

    private static async Task<int> Level1Async(Task<int> reply) => await Level2Async(reply) + 1;

    private static async Task<int> Level2Async(Task<int> reply) => await Level3Async(reply) + 1;

    private static async Task<int> Level3Async(Task<int> reply) => await reply + 1;

    private static async Task EnterAsync(SemaphoreSlim gate) => await gate.WaitAsync();

    private static async Task CallLibraryAsync(Task<int> reply) => await Microsoft.LeakCheckTestDoubles.Pipeline.ExecuteStepAsync(() => reply);
}
