using System;
using System.Threading;
using System.Threading.Tasks;
using FluentAssertions;
using Xunit;

namespace LeakCheck.Tests;

public class UnownedTests
{
    private static readonly LeakCheckOptions s_short = new() { SettleTimeout = TimeSpan.FromMilliseconds(100), RetentionPaths = false };

    [Fact]
    public async Task Nothing_created_in_an_unowned_region_belongs_to_the_scope()
    {
        using var gate = new SemaphoreSlim(0);
        var widget = new Widget();
        Timer timer;
        Task loop;
        var scope = LeakScope.Begin("unowned", s_short);
        using (LeakScope.Unowned())
        {
            timer = new Timer(static _ => { }, null, TimeSpan.FromMinutes(5), Timeout.InfiniteTimeSpan);
            loop = Task.Run(() => gate.WaitAsync());
            LeakTracker.Track(widget, "shared");
        }

        var report = await scope.EndAsync();

        report.HasLeaks.Should().BeFalse();
        report.FullCollections.Should().Be(0);
        await timer.DisposeAsync();
        gate.Release();
        await loop;
        GC.KeepAlive(widget);
    }

    [Fact]
    public void Ownership_returns_to_the_scope_when_the_region_is_disposed()
    {
        var scope = LeakScope.Begin("owned again", s_short);
        using (LeakScope.Unowned())
        {
        }

        using var timer = new Timer(static _ => { }, null, TimeSpan.FromMinutes(5), Timeout.InfiniteTimeSpan);

        scope.End().Items.Should().ContainSingle().Which.Kind.Should().Be(LeakKind.Timer);
    }

    [Fact]
    public async Task A_region_spans_awaits_in_the_method_that_opened_it()
    {
        Timer unowned;
        var scope = LeakScope.Begin("awaits", s_short);
        using (LeakScope.Unowned())
        {
            await Task.Yield();
            unowned = new Timer(static _ => { }, null, TimeSpan.FromMinutes(5), Timeout.InfiniteTimeSpan);
        }

        await Task.Yield();
        using var owned = new Timer(static _ => { }, null, TimeSpan.FromMinutes(6), Timeout.InfiniteTimeSpan);

        var report = await scope.EndAsync();

        report.Items.Should().ContainSingle().Which.Details[0].Should().Be("due 00:06:00 after it was armed, fires once");
        await unowned.DisposeAsync();
    }

    [Fact]
    public async Task A_fixture_that_starts_its_worker_lazily_inside_a_test_does_not_fail_that_test()
    {
        await using var fixture = new LazyWorkerFixture();
        var scope = LeakScope.Begin("first user", s_short);

        fixture.Worker.Ticks.Should().BeGreaterThanOrEqualTo(0);

        (await scope.EndAsync()).HasLeaks.Should().BeFalse();
    }

    [Fact]
    public void Disposing_twice_or_after_a_nested_scope_began_leaves_the_nested_scope_current()
    {
        var outer = LeakScope.Begin("outer", s_short);
        var region = LeakScope.Unowned();
        var inner = LeakScope.Begin("inner", s_short);

        region.Dispose();
        region.Dispose();
        using var timer = new Timer(static _ => { }, null, TimeSpan.FromMinutes(5), Timeout.InfiniteTimeSpan);

        inner.End().Items.Should().ContainSingle();
        outer.End().HasLeaks.Should().BeFalse();
    }

    private sealed class LazyWorkerFixture : IAsyncDisposable
    {
        private readonly CancellationTokenSource _stop = new();
        private Worker? _worker;

        public Worker Worker
        {
            get
            {
                using (LeakScope.Unowned())
                {
                    return _worker ??= new Worker(_stop.Token);
                }
            }
        }

        public async ValueTask DisposeAsync()
        {
            await _stop.CancelAsync();
            if (_worker is not null)
            {
                await _worker.Completion;
            }

            _stop.Dispose();
        }
    }

    private sealed class Worker
    {
        public Worker(CancellationToken stop) => Completion = RunAsync(stop);

        public int Ticks { get; private set; }

        public Task Completion { get; }

        private async Task RunAsync(CancellationToken stop)
        {
            using var timer = new PeriodicTimer(TimeSpan.FromMilliseconds(10));
            try
            {
                while (await timer.WaitForNextTickAsync(stop))
                {
                    Ticks++;
                }
            }
            catch (OperationCanceledException)
            {
            }
        }
    }
}
