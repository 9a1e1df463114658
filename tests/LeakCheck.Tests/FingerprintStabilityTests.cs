using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using FluentAssertions;
using Xunit;

namespace LeakCheck.Tests;

/// <summary>
/// A fingerprint never depends on what was sampled: creation stacks are captured for the first creations only, and
/// the same leak must keep its fingerprint whether or not its stack was taken, on every runtime (the values are pinned).
/// </summary>
public sealed class FingerprintStabilityTests : IDisposable
{
    private static readonly LeakCheckOptions s_options = new() { SettleTimeout = TimeSpan.FromMilliseconds(100), MaxReportedItems = 50, RetentionPaths = false };
    private readonly List<Timer> _timers = [];
    private readonly TaskCompletionSource _never = new();

    [Fact]
    public void The_first_and_the_twentieth_timer_of_a_test_have_the_same_fingerprint()
    {
        var scope = LeakScope.Begin("twenty timers", s_options);
        for (var i = 0; i < 20; i++)
        {
            _timers.Add(new Timer(OnTick, null, TimeSpan.FromMinutes(5), Timeout.InfiniteTimeSpan));
        }

        var report = scope.End();

        report.Items.Should().HaveCount(20);
        report.Items[19].CreatedAt.Should().BeEmpty("the 20th timer's creation stack is not sampled");
        report.Items.Select(i => i.Fingerprint).Distinct().Should().Equal("2cc5e85e");
    }

    [Fact]
    public async Task The_first_and_the_ninth_creation_of_one_async_method_have_the_same_fingerprint()
    {
        var scope = LeakScope.Begin("nine methods", s_options);
        for (var i = 0; i < 9; i++)
        {
            _ = WaitForeverAsync(_never.Task);
        }

        var report = await scope.EndAsync();

        report.Items.Should().HaveCount(9);
        report.Items.Select(i => i.Fingerprint).Distinct().Should().Equal("de539724");
        report.Items[8].CreatedAt.Should().BeEmpty("a report never shows a stack that did not create its item");
        report.Items[8].Details.Should().Equal(
            "waiting at await #1: a task nobody completed (TaskCompletionSource)",
            "creation stack not captured: a test records it for the first 8 creations of each async method, delegate or Task.Delay");
        report.Items[7].CreatedAt.Should().NotBeEmpty();
    }

    [Fact]
    public void Two_CancelAfter_timers_armed_by_different_methods_have_different_fingerprints()
    {
        var scope = LeakScope.Begin("two sources", s_options);
        using var first = ArmFirst();
        using var second = ArmSecond();

        var report = scope.End();

        report.Items.Select(i => i.TypeName).Should().Equal("CancellationTokenSource.CancelAfter", "CancellationTokenSource.CancelAfter");
        report.Items[0].Fingerprint.Should().NotBe(report.Items[1].Fingerprint, "an ignore rule for one must not hide the other");
    }

    public void Dispose()
    {
        foreach (var timer in _timers)
        {
            timer.Dispose();
        }

        _never.TrySetResult();
    }

    private static CancellationTokenSource ArmFirst()
    {
        var source = new CancellationTokenSource();
        source.CancelAfter(TimeSpan.FromMinutes(5));
        return source;
    }

    private static CancellationTokenSource ArmSecond()
    {
        var source = new CancellationTokenSource();
        source.CancelAfter(TimeSpan.FromMinutes(5));
        return source;
    }

    private static async Task WaitForeverAsync(Task never) => await never;

    private static void OnTick(object? state)
    {
    }
}
