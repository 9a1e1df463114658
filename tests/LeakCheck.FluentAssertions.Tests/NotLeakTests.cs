using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using FluentAssertions;
using LeakCheck.FluentAssertions.Tests.Infrastructure;
using Xunit;

namespace LeakCheck.FluentAssertions.Tests;

/// <summary>
/// <c>NotLeak</c> on actions. Failure messages are compared whole; only the settle milliseconds and line numbers are
/// normalised (see <see cref="MessageText"/>). What a leaky action leaves behind is released after each test.
/// </summary>
public sealed class NotLeakTests : IDisposable
{
    // A short settle time-out where a test waits for running work that never finishes. Where a message is compared
    // whole and the scope owns objects, the default second keeps the forced-GC counts (one gen1, a full collection,
    // a grace full collection after the first wait) independent of how loaded the machine is.
    private static readonly LeakCheckOptions s_short = new() { SettleTimeout = TimeSpan.FromMilliseconds(100) };
    private readonly List<object> _kept = [];
    private readonly CancellationTokenSource _cancel = new();
    private Timer? _timer;

    public void Dispose()
    {
        _kept.Clear();
        _cancel.Cancel();
        _cancel.Dispose();
        _timer?.Dispose();
    }

    [Fact]
    public void Clean_action_passes()
    {
        Action clean = () =>
        {
            var session = new Session();
            LeakTracker.Track(session, "session");
            Task.Run(() => 42).Wait();
            using var timer = new Timer(static _ => { }, null, TimeSpan.FromMinutes(5), Timeout.InfiniteTimeSpan);
        };

        clean.Should().NotLeak();
    }

    [Fact]
    public void Tracked_object_kept_alive_fails_with_the_report()
    {
        Action leaky = () => LeakTracker.Track(Keep(new Session()), "session");

        var message = Failures.Of(() => leaky.Should().NotLeak());

        message.Should().Be(
            """
            Expected leaky not to leak, but it left 1 item alive:
            LeakCheck: 1 item created by leaky is still alive after the test (settled in N ms; forced GCs: 1 gen1, 2 full).

            [1] Tracked object "session" (LeakCheck.FluentAssertions.Tests.Session)
                created at:
                  LeakCheck.FluentAssertions.Tests.NotLeakTests.Tracked_object_kept_alive_fails_with_the_report() (lambda) in NotLeakTests.cs:line N
                  LeakCheck.FluentAssertions.Tests.NotLeakTests.Tracked_object_kept_alive_fails_with_the_report() (lambda) in NotLeakTests.cs:line N
                  LeakCheck.FluentAssertions.Tests.Infrastructure.Failures.Of(Action) in Failures.cs:line N
                  LeakCheck.FluentAssertions.Tests.NotLeakTests.Tracked_object_kept_alive_fails_with_the_report() in NotLeakTests.cs:line N
                fingerprint: fd2d278f

            To accept a known leak, list its fingerprint in LeakCheckOptions.IgnoreFingerprints, for example IgnoreFingerprints = new[] { "fd2d278f" }; see README "Ignoring known leaks".
            """);
    }

    [Fact]
    public void Armed_timer_fails_with_the_report()
    {
        Action leaky = () => _timer = new Timer(static _ => { }, null, TimeSpan.FromMinutes(5), TimeSpan.FromMinutes(1));

        var message = Failures.Of(() => leaky.Should().NotLeak());

        message.Should().Be(
            """
            Expected leaky not to leak, but it left 1 item alive:
            LeakCheck: 1 item created by leaky is still alive after the test (settled in N ms; forced GCs: 1 gen1, 2 full).

            [1] Timer System.Threading.Timer
                due 00:05:00 after it was armed or last fired, period 00:01:00
                callback: LeakCheck.FluentAssertions.Tests.NotLeakTests.Armed_timer_fails_with_the_report(Object) (lambda)
                created at:
                  LeakCheck.FluentAssertions.Tests.NotLeakTests.Armed_timer_fails_with_the_report() (lambda) in NotLeakTests.cs:line N
                  LeakCheck.FluentAssertions.Tests.NotLeakTests.Armed_timer_fails_with_the_report() (lambda) in NotLeakTests.cs:line N
                  LeakCheck.FluentAssertions.Tests.Infrastructure.Failures.Of(Action) in Failures.cs:line N
                  LeakCheck.FluentAssertions.Tests.NotLeakTests.Armed_timer_fails_with_the_report() in NotLeakTests.cs:line N
                fingerprint: a839aa47

            To accept a known leak, list its fingerprint in LeakCheckOptions.IgnoreFingerprints, for example IgnoreFingerprints = new[] { "a839aa47" }; see README "Ignoring known leaks".
            """);
    }

    [Fact]
    public void Task_Delay_nobody_awaits_fails_with_the_report()
    {
        Action leaky = () => _ = Task.Delay(TimeSpan.FromMinutes(5), _cancel.Token);

        var message = Failures.Of(() => leaky.Should().NotLeak(s_short));

        message.Should().Be(
            """
            Expected leaky not to leak, but it left 1 item alive:
            LeakCheck: 1 item created by leaky is still alive after the test (settled in N ms; forced GCs: 0 gen1, 0 full).

            [1] Timer Task.Delay
                due 00:05:00 after it was armed, fires once
                created at:
                  LeakCheck.FluentAssertions.Tests.NotLeakTests.Task_Delay_nobody_awaits_fails_with_the_report() (lambda) in NotLeakTests.cs:line N
                  LeakCheck.FluentAssertions.Tests.NotLeakTests.Task_Delay_nobody_awaits_fails_with_the_report() (lambda) in NotLeakTests.cs:line N
                  LeakCheck.FluentAssertions.Tests.Infrastructure.Failures.Of(Action) in Failures.cs:line N
                  LeakCheck.FluentAssertions.Tests.NotLeakTests.Task_Delay_nobody_awaits_fails_with_the_report() in NotLeakTests.cs:line N
                fingerprint: e2f59100

            To accept a known leak, list its fingerprint in LeakCheckOptions.IgnoreFingerprints, for example IgnoreFingerprints = new[] { "e2f59100" }; see README "Ignoring known leaks".
            """);
    }

    [Fact]
    public void Because_reason_is_part_of_the_header()
    {
        Action leaky = () => LeakTracker.Track(Keep(new Session()), "session");

        var message = Failures.Of(() => leaky.Should().NotLeak(s_short, "sessions are {0} on logout", "closed"));

        message.Should().StartWith("Expected leaky not to leak because sessions are closed on logout, but it left 1 item alive:\nLeakCheck: 1 item created by leaky ");
    }

    [Fact]
    public void Exception_of_the_action_propagates_unchanged_and_the_scope_is_abandoned()
    {
        var boom = new InvalidOperationException("boom");
        Action throwing = () =>
        {
            LeakTracker.Track(Keep(new Session()), "before the exception");
            throw boom;
        };
        var outer = LeakScope.Begin("outer", s_short);

        var thrown = Record.Exception(() => throwing.Should().NotLeak(s_short));
        LeakTracker.Track(Keep(new Session()), "after the exception");
        var outerReport = outer.End();

        thrown.Should().BeSameAs(boom);
        outerReport.Items.Should().ContainSingle().Which.Name.Should().Be("after the exception");
    }

    [Fact]
    public void What_the_action_leaks_belongs_to_its_own_scope_not_to_an_enclosing_one()
    {
        Action leaky = () => LeakTracker.Track(Keep(new Session()), "session");
        var outer = LeakScope.Begin("outer", s_short);

        var message = Failures.Of(() => leaky.Should().NotLeak(s_short));
        var outerReport = outer.End();

        message.Should().StartWith("Expected leaky not to leak, but it left 1 item alive:");
        outerReport.HasLeaks.Should().BeFalse();
    }

    [Fact]
    public void Warn_mode_passes_like_LeakScope_Verify()
    {
        Action leaky = () => LeakTracker.Track(Keep(new Session()), "session");

        leaky.Should().NotLeak(new LeakCheckOptions { Mode = LeakCheckMode.Warn, SettleTimeout = TimeSpan.FromMilliseconds(100) });
    }

    [Fact]
    public void Null_action_fails()
    {
        Action? missing = null;

        var message = Failures.Of(() => missing.Should().NotLeak());

        message.Should().Be("Expected missing not to leak, but found <null>.");
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
