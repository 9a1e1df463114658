using System;
using System.Collections.Generic;
using System.Runtime.CompilerServices;
using FluentAssertions;
using Xunit;

namespace LeakCheck.Tests;

/// <summary>
/// Runs alone: a collection forced by a test running in parallel could take the garbage target before the waiter
/// reads its type, and the waiter would rightly answer "already gone, type unknown".
/// </summary>
[CollectionDefinition(nameof(CollectionWaiterTests), DisableParallelization = true)]
[Collection(nameof(CollectionWaiterTests))]
public sealed class CollectionWaiterTests : IDisposable
{
    private readonly List<object> _kept = [];

    public void Dispose() => _kept.Clear();

    [Fact]
    public void Target_already_gone_costs_no_collection()
    {
        var result = CollectionWaiter.WaitUntilCollected(new WeakReference(null), TimeSpan.FromSeconds(1));

        result.IsCollected.Should().BeTrue();
        result.TargetType.Should().BeNull();
        result.Gen1Collections.Should().Be(0);
        result.FullCollections.Should().Be(0);
    }

    [Fact]
    public void Garbage_target_is_collected_and_its_type_is_reported()
    {
        var result = CollectionWaiter.WaitUntilCollected(Garbage(), TimeSpan.FromSeconds(1));

        result.IsCollected.Should().BeTrue();
        result.TargetType.Should().Be(typeof(Widget));
    }

    [Fact]
    public void Target_kept_alive_gets_one_gen1_and_one_full_collection_per_planned_sleep()
    {
        var weak = new WeakReference<Widget>(Keep(new Widget()));

        // 50 ms of sleeps: 5, 10, 20, then the 15 left; a full collection before the first and after each.
        var result = CollectionWaiter.WaitUntilCollected(weak, TimeSpan.FromMilliseconds(50));

        result.IsCollected.Should().BeFalse();
        result.TargetType.Should().Be(typeof(Widget));
        result.Gen1Collections.Should().Be(1);
        result.FullCollections.Should().Be(5);
        weak.TryGetTarget(out _).Should().BeTrue();
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    [InlineData(301)]
    public void Time_out_must_be_positive_and_at_most_five_minutes(int seconds)
    {
        var act = () => CollectionWaiter.WaitUntilCollected(new WeakReference(null), TimeSpan.FromSeconds(seconds));

        act.Should().Throw<ArgumentOutOfRangeException>().Which.ParamName.Should().Be("timeout");
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static WeakReference Garbage() => new(new Widget());

    private T Keep<T>(T target)
        where T : class
    {
        _kept.Add(target);
        return target;
    }
}
