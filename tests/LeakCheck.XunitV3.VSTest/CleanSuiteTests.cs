using System;
using System.Threading;
using System.Threading.Tasks;
using LeakCheck.XunitV3;
using Xunit;

[assembly: NoLeaks]

namespace LeakCheck.XunitV3.VSTest;

/// <summary>A cache with a refresh timer, shared by the class's tests and disposed with the fixture.</summary>
public sealed class RefreshingCacheFixture : IDisposable
{
    private readonly Timer _refresh = new(static _ => { }, null, TimeSpan.FromMinutes(5), TimeSpan.FromMinutes(5));

    public void Dispose() => _refresh.Dispose();
}

/// <summary>Clean tests of every shape the adapter must not blame, checked by [assembly: NoLeaks].</summary>
public sealed class CleanSuiteTests : IClassFixture<RefreshingCacheFixture>, IAsyncLifetime
{
    private readonly CancellationTokenSource _stop = new();
    private Task? _worker;

    public ValueTask InitializeAsync()
    {
        _worker = Task.Delay(Timeout.Infinite, _stop.Token).ContinueWith(static _ => { }, TaskScheduler.Default);
        return default;
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await _worker!;
        _stop.Dispose();
    }

    [Fact]
    public async Task Awaited_work_passes() => await Task.Run(() => Thread.Sleep(5), TestContext.Current.CancellationToken);

    [Fact(Timeout = 10_000)]
    public async Task A_test_with_a_time_out_passes() => await Task.Delay(10, TestContext.Current.CancellationToken);

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    public void Theory_rows_pass(int row)
    {
        using var timer = new Timer(static _ => { }, null, TimeSpan.FromMinutes(row), Timeout.InfiniteTimeSpan);
        LeakTracker.Track(new object(), "row " + row);
    }

    [Fact]
    [NoLeaks(Mode = LeakCheckMode.Warn)]
    public void A_warn_mode_leak_passes() => s_kept = new Timer(static _ => { }, null, TimeSpan.FromMinutes(5), Timeout.InfiniteTimeSpan);

    private static Timer? s_kept;
}
