using System;
using System.Collections.Generic;
using System.Runtime.CompilerServices;
using FluentAssertions;
using LeakCheck.FluentAssertions.Tests.Infrastructure;
using Xunit;

namespace LeakCheck.FluentAssertions.Tests;

/// <summary>
/// <c>BeCollected</c> on weak references. Failure messages are compared whole; only the milliseconds are
/// normalised (see <see cref="MessageText"/>). Kept objects stay in <c>_kept</c> until the test is over.
/// </summary>
public sealed class BeCollectedTests : IDisposable
{
    private static readonly TimeSpan s_short = TimeSpan.FromMilliseconds(50);
    private readonly List<object> _kept = [];

    public void Dispose() => _kept.Clear();

    [Fact]
    public void Garbage_target_passes()
    {
        var weak = WeakReferences.Create(() => new Session());

        weak.Should().BeCollected();
    }

    [Fact]
    public void Garbage_target_of_a_non_generic_weak_reference_passes()
    {
        var weak = NonGenericGarbage();

        weak.Should().BeCollected().And.Subject.IsAlive.Should().BeFalse();
    }

    [Fact]
    public void Target_released_only_after_its_finalizer_ran_passes()
    {
        // A long weak reference sees the target until the finalizer ran and a later full collection freed it.
        var weak = FinalizableGarbage();

        weak.Should().BeCollected();
    }

    [Fact]
    public void Target_kept_alive_fails_with_its_type_and_what_was_tried()
    {
        var weak = KeptAlive();

        var message = Failures.Of(() => weak.Should().BeCollected(s_short));

        message.Should().Be(
            "Expected weak to be collected, but its target (LeakCheck.FluentAssertions.Tests.Session) was still alive after N ms (forced GCs: 1 gen1, 5 full).");
    }

    [Fact]
    public void Default_time_out_is_one_second_of_sleeps_between_eleven_full_collections()
    {
        var weak = KeptAlive();

        var message = Failures.Of(() => weak.Should().BeCollected());

        message.Should().Be(
            "Expected weak to be collected, but its target (LeakCheck.FluentAssertions.Tests.Session) was still alive after N ms (forced GCs: 1 gen1, 11 full).");
    }

    [Fact]
    public void Because_reason_is_part_of_the_message()
    {
        var weak = KeptAlive();

        var message = Failures.Of(() => weak.Should().BeCollected(s_short, "the cache must forget {0} sessions", "closed"));

        message.Should().Be(
            "Expected weak to be collected because the cache must forget closed sessions, but its target (LeakCheck.FluentAssertions.Tests.Session) was still alive after N ms (forced GCs: 1 gen1, 5 full).");
    }

    [Fact]
    public void Generic_weak_reference_names_a_generic_target_type_readably()
    {
        var weak = new WeakReference<Dictionary<string, Session>>(Keep(new Dictionary<string, Session>()));

        var message = Failures.Of(() => weak.Should().BeCollected(s_short));

        message.Should().Be(
            "Expected weak to be collected, but its target (System.Collections.Generic.Dictionary<String, Session>) was still alive after N ms (forced GCs: 1 gen1, 5 full).");
    }

    [Fact]
    public void Null_weak_reference_fails()
    {
        WeakReference weak = null!;

        var message = Failures.Of(() => weak.Should().BeCollected());

        message.Should().Be("Expected weak to be collected, but found <null>.");
    }

    [Fact]
    public void Time_out_out_of_range_is_refused()
    {
        var weak = WeakReferences.Create(() => new Session());

        var act = () => weak.Should().BeCollected(TimeSpan.Zero);

        act.Should().Throw<ArgumentOutOfRangeException>().Which.ParamName.Should().Be("timeout");
    }

    [Fact]
    public void Factory_returning_null_is_refused()
    {
        var act = () => WeakReferences.Create<Session>(() => null!);

        act.Should().Throw<InvalidOperationException>().WithMessage("The factory passed to WeakReferences.Create returned null.");
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static WeakReference NonGenericGarbage() => new(new Session());

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static WeakReference FinalizableGarbage() => new(new Finalizable(), trackResurrection: true);

    [MethodImpl(MethodImplOptions.NoInlining)]
    private WeakReference<Session> KeptAlive() => new(Keep(new Session()));

    private T Keep<T>(T target)
        where T : class
    {
        _kept.Add(target);
        return target;
    }

    private sealed class Finalizable
    {
        ~Finalizable()
        {
        }
    }
}
