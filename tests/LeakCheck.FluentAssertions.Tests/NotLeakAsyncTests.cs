using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using FluentAssertions;
using LeakCheck.FluentAssertions.Tests.Infrastructure;
using Xunit;

namespace LeakCheck.FluentAssertions.Tests;

/// <summary>
/// <c>NotLeakAsync</c> on async functions (<c>Func&lt;Task&gt;</c>, <c>Func&lt;Task&lt;T&gt;&gt;</c>,
/// <c>Func&lt;ValueTask&gt;</c>). Failure messages are compared whole; only the settle milliseconds and line numbers
/// are normalised. What a leaky function leaves behind is released after each test.
/// </summary>
public sealed class NotLeakAsyncTests : IDisposable
{
    // A short settle time-out where a test waits for running work that never finishes. Where a message is compared
    // whole and the scope owns objects, the default second keeps the forced-GC counts (one gen1, a full collection,
    // a grace full collection after the first wait) independent of how loaded the machine is.
    private static readonly LeakCheckOptions s_short = new() { SettleTimeout = TimeSpan.FromMilliseconds(100) };
    private readonly List<object> _kept = [];
    private readonly CancellationTokenSource _cancel = new();

    public void Dispose()
    {
        _kept.Clear();
        _cancel.Cancel();
        _cancel.Dispose();
    }

    [Fact]
    public async Task Clean_async_function_passes()
    {
        Func<Task> clean = async () =>
        {
            await Task.Delay(1);
            await Task.Run(() => 42);
            LeakTracker.Track(new Session(), "session");
        };

        await clean.Should().NotLeakAsync();
    }

    [Fact]
    public async Task Clean_async_function_with_a_result_passes()
    {
        Func<Task<int>> clean = async () =>
        {
            await Task.Yield();
            return 42;
        };

        await clean.Should().NotLeakAsync();
    }

    [Fact]
    public async Task Clean_ValueTask_function_passes()
    {
        Func<ValueTask> clean = async () => await Task.Yield();

        await clean.Should().NotLeakAsync();
    }

    [Fact]
    public async Task Async_method_left_waiting_fails_with_the_report()
    {
        Func<Task> leaky = async () =>
        {
            await Task.Yield();
            _ = Heartbeat(_cancel.Token);
        };

        var message = await Failures.OfAsync(() => leaky.Should().NotLeakAsync());

        message.Should().Be(
            """
            Expected leaky not to leak, but it left 1 item alive:
            LeakCheck: 1 item created by leaky is still alive after the test (settled in N ms; forced GCs: 1 gen1, 2 full).

            [1] Async method LeakCheck.FluentAssertions.Tests.NotLeakAsyncTests.Heartbeat(CancellationToken)
                waiting at await #1: Task.Delay
                created at:
                  LeakCheck.FluentAssertions.Tests.NotLeakAsyncTests.Heartbeat(CancellationToken) in NotLeakAsyncTests.cs:line N
                  LeakCheck.FluentAssertions.Tests.NotLeakAsyncTests.Async_method_left_waiting_fails_with_the_report() (lambda) in NotLeakAsyncTests.cs:line N
                fingerprint: 89a48827

            To accept a known leak, list its fingerprint in LeakCheckOptions.IgnoreFingerprints, for example IgnoreFingerprints = new[] { "89a48827" }; see README "Ignoring known leaks".
            """);
    }

    [Fact]
    public async Task Tracked_object_kept_alive_by_a_ValueTask_function_fails_with_the_report()
    {
        Func<ValueTask> leaky = async () =>
        {
            await Task.Yield();
            LeakTracker.Track(Keep(new Session()), "session");
        };

        var message = await Failures.OfAsync(() => leaky.Should().NotLeakAsync("a logout must {0} the session", "drop"));

        message.Should().Be(
            """
            Expected leaky not to leak because a logout must drop the session, but it left 1 item alive:
            LeakCheck: 1 item created by leaky is still alive after the test (settled in N ms; forced GCs: 1 gen1, 2 full).

            [1] Tracked object "session" (LeakCheck.FluentAssertions.Tests.Session)
                created at:
                  LeakCheck.FluentAssertions.Tests.NotLeakAsyncTests.Tracked_object_kept_alive_by_a_ValueTask_function_fails_with_the_report() (lambda) in NotLeakAsyncTests.cs:line N
                fingerprint: fd2d278f

            To accept a known leak, list its fingerprint in LeakCheckOptions.IgnoreFingerprints, for example IgnoreFingerprints = new[] { "fd2d278f" }; see README "Ignoring known leaks".
            """);
    }

    [Fact]
    public async Task Exception_of_the_function_propagates_unchanged_and_the_scope_is_abandoned()
    {
        var boom = new InvalidOperationException("boom");
        Func<Task<int>> throwing = async () =>
        {
            await Task.Yield();
            LeakTracker.Track(Keep(new Session()), "before the exception");
            throw boom;
        };
        var outer = LeakScope.Begin("outer", s_short);

        var thrown = await Record.ExceptionAsync(() => throwing.Should().NotLeakAsync(s_short));
        LeakTracker.Track(Keep(new Session()), "after the exception");
        var outerReport = await outer.EndAsync();

        thrown.Should().BeSameAs(boom);
        outerReport.Items.Should().ContainSingle().Which.Name.Should().Be("after the exception");
    }

    [Fact]
    public async Task Null_function_fails()
    {
        Func<Task>? missing = null;

        var message = await Failures.OfAsync(() => missing.Should().NotLeakAsync());

        message.Should().Be("Expected missing not to leak, but found <null>.");
    }

    private static async Task Heartbeat(CancellationToken cancel)
    {
        while (!cancel.IsCancellationRequested)
        {
            await Task.Delay(TimeSpan.FromMinutes(1), cancel).ConfigureAwait(false);
        }
    }

    private T Keep<T>(T target)
        where T : class
    {
        lock (_kept)
        {
            _kept.Add(target);
        }

        return target;
    }
}
