using System;
using System.Collections.Generic;
using System.Linq;
using System.Runtime.CompilerServices;
using System.Threading.Tasks;
using FluentAssertions;
using FluentAssertions.Execution;
using LeakCheck.FluentAssertions.Tests.Infrastructure;
using Xunit;
using Xunit.Sdk;

namespace LeakCheck.FluentAssertions.Tests;

/// <summary>
/// Inside an <see cref="AssertionScope"/> the LeakCheck assertions collect their failures like FluentAssertions'
/// own: nothing throws until the scope ends, and then every failure is reported.
/// </summary>
public sealed class AssertionScopeTests : IDisposable
{
    private static readonly LeakCheckOptions s_short = new() { SettleTimeout = TimeSpan.FromMilliseconds(100) };
    private readonly List<object> _kept = [];

    public void Dispose() => _kept.Clear();

    [Fact]
    public void Failures_are_collected_and_the_assertions_go_on()
    {
        Action leaky = () => LeakTracker.Track(Keep(new Session()), "session");
        var weak = KeptAlive();
        string[] failures;
        var reachedTheEnd = false;

        using (var scope = new AssertionScope())
        {
            leaky.Should().NotLeak();
            weak.Should().BeCollected(TimeSpan.FromMilliseconds(50));
            reachedTheEnd = true;
            failures = scope.Discard();
        }

        reachedTheEnd.Should().BeTrue();
        failures.Select(MessageText.Normalize).Should().Equal(
            """
            Expected leaky not to leak, but it left 1 item alive:
            LeakCheck: 1 item created by leaky is still alive after the test (settled in N ms; forced GCs: 1 gen1, 2 full).

            [1] Tracked object "session" (LeakCheck.FluentAssertions.Tests.Session)
                created at:
                  LeakCheck.FluentAssertions.Tests.AssertionScopeTests.Failures_are_collected_and_the_assertions_go_on() (lambda) in AssertionScopeTests.cs:line N
                  LeakCheck.FluentAssertions.Tests.AssertionScopeTests.Failures_are_collected_and_the_assertions_go_on() in AssertionScopeTests.cs:line N
                fingerprint: fd2d278f

            To accept a known leak, list its fingerprint in LeakCheckOptions.IgnoreFingerprints, for example IgnoreFingerprints = new[] { "fd2d278f" }; see README "Ignoring known leaks".
            """,
            "Expected weak to be collected, but its target (LeakCheck.FluentAssertions.Tests.Session) was still alive after N ms (forced GCs: 1 gen1, 5 full).");
    }

    [Fact]
    public void Scope_throws_every_failure_when_it_ends()
    {
        var first = KeptAlive();
        var second = KeptAlive();

        var message = Failures.Of(() =>
        {
            using var scope = new AssertionScope();
            first.Should().BeCollected(TimeSpan.FromMilliseconds(50), "it is the first");
            second.Should().BeCollected(TimeSpan.FromMilliseconds(50), "it is the second");
        });

        message.Should().Be(
            "Expected first to be collected because it is the first, but its target (LeakCheck.FluentAssertions.Tests.Session) was still alive after N ms (forced GCs: 1 gen1, 5 full)."
            + Environment.NewLine
            + "Expected second to be collected because it is the second, but its target (LeakCheck.FluentAssertions.Tests.Session) was still alive after N ms (forced GCs: 1 gen1, 5 full)."
            + Environment.NewLine);
    }

    [Fact]
    public void Named_scope_names_the_subject()
    {
        Action leaky = () => LeakTracker.Track(Keep(new Session()), "session");
        string[] failures;

        using (var scope = new AssertionScope("checkout"))
        {
            leaky.Should().NotLeak(s_short);
            failures = scope.Discard();
        }

        failures.Should().ContainSingle().Which.Should().StartWith("Expected checkout not to leak, but it left 1 item alive:\nLeakCheck: 1 item created by leaky ");
    }

    [Fact]
    public void Library_frames_are_hidden_from_the_stack_trace_of_a_BeCollected_failure()
    {
        var weak = KeptAlive();

        var failure = Record.Exception(() => weak.Should().BeCollected(TimeSpan.FromMilliseconds(50)));

        failure.Should().BeOfType<XunitException>();
        LeakCheckFrames(failure.StackTrace).Should().ContainSingle().Which.Should().Contain("AssertionScopeTests");
    }

    [Fact]
    public void Library_frames_are_hidden_from_the_stack_trace_of_a_NotLeak_failure()
    {
        Action leaky = () => LeakTracker.Track(Keep(new Session()), "session");

        var failure = Record.Exception(() => leaky.Should().NotLeak(s_short));

        failure.Should().BeOfType<XunitException>();
        LeakCheckFrames(failure.StackTrace).Should().ContainSingle().Which.Should().Contain("AssertionScopeTests");
    }

    [Fact]
    public async Task Library_frames_but_the_async_core_are_hidden_from_the_stack_trace_of_a_NotLeakAsync_failure()
    {
        Func<Task> leaky = async () =>
        {
            await Task.Yield();
            LeakTracker.Track(Keep(new Session()), "session");
        };

        var failure = await Record.ExceptionAsync(() => leaky.Should().NotLeakAsync(s_short));

        // [StackTraceHidden] cannot reach an async method: the runtime reads it from the MoveNext's declaring type, the
        // compiler-generated state machine. The one async frame of the library remains; every other one is hidden.
        failure.Should().BeOfType<XunitException>();
        LeakCheckFrames(failure.StackTrace).Should().ContainSingle().Which.Should().StartWith("at LeakCheck.FluentAssertions.LeakAssertion.RunAsync");
    }

    /// <summary>The frames of LeakCheck assemblies and of these tests; FluentAssertions' and the runtime's are left out.</summary>
    private static List<string> LeakCheckFrames(string? stackTrace)
        => (stackTrace ?? string.Empty).Split('\n').Select(line => line.Trim()).Where(line => line.StartsWith("at LeakCheck.", StringComparison.Ordinal)).ToList();

    [MethodImpl(MethodImplOptions.NoInlining)]
    private WeakReference<Session> KeptAlive() => new(Keep(new Session()));

    private T Keep<T>(T target)
        where T : class
    {
        _kept.Add(target);
        return target;
    }
}
