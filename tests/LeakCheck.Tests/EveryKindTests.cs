using System;
using System.Linq;
using System.Threading;
using System.Threading.Channels;
using System.Threading.Tasks;
using FluentAssertions;
using Xunit;

namespace LeakCheck.Tests;

/// <summary>
/// One scope that leaks one item of every kind LeakCheck knows. It runs on every supported runtime in CI: every probe
/// must be available there and report the same kinds, texts and fingerprints.
/// </summary>
public sealed class EveryKindTests : IDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private readonly Channel<int> _unread = Channel.CreateUnbounded<int>();
    private readonly Channel<int> _full = Channel.CreateBounded<int>(1);
    private readonly ManualResetEventSlim _threadStop = new();
    private Timer? _timer;
    private CancellationTokenSource? _cancelLater;
    private PeriodicTimer? _periodic;
    private Thread? _thread;
    private Task? _delay;
    private Widget? _tracked;

    [Fact]
    public async Task One_scope_leaking_one_item_of_every_kind_reports_each_with_its_kind_and_due_time()
    {
        var scope = LeakScope.Begin("every kind", new LeakCheckOptions { SettleTimeout = TimeSpan.FromMilliseconds(300), MaxReportedItems = 20, RetentionPaths = false });
        _periodic = new PeriodicTimer(TimeSpan.FromMinutes(5));
        _ = TickAsync(_periodic);

        // Started after TickAsync: the loop suspends later, on a pool thread, so it is always created second.
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        _ = Task.Run(() =>
        {
            var loop = LoopAsync(_stop.Token);
            started.SetResult(); // LoopAsync returned: it has suspended at its first await.
            return loop;
        });
        await started.Task;
        _timer = new Timer(OnTick, null, TimeSpan.FromMinutes(5), Timeout.InfiniteTimeSpan);
        _delay = Task.Delay(TimeSpan.FromMinutes(5), _stop.Token);
        _cancelLater = new CancellationTokenSource();
        _cancelLater.CancelAfter(TimeSpan.FromMinutes(5));
        _ = ReadOneAsync(_unread.Reader);
        await _full.Writer.WriteAsync(1);
        _ = WriteOneAsync(_full.Writer);
        _thread = new Thread(() => _threadStop.Wait()) { IsBackground = true, Name = "every-kind worker" };
        _thread.Start();
        _tracked = new Widget();
        LeakTracker.Track(_tracked, "widget");
        await Task.Yield();

        var report = await scope.EndAsync();

        report.Notices.Should().NotContain(n => n.Contains("unavailable", StringComparison.Ordinal));
        report.Items.Select(i => $"{i.Kind} {i.TypeName}{(i.Name is null ? string.Empty : " \"" + i.Name + "\"")}: {string.Join(" / ", i.Details)}")
            .Should().Equal(
                "TrackedObject LeakCheck.Tests.Widget \"widget\": ",
                "AsyncMethod LeakCheck.Tests.EveryKindTests.TickAsync(PeriodicTimer): waiting at await #1: PeriodicTimer.WaitForNextTickAsync",
                "AsyncMethod LeakCheck.Tests.EveryKindTests.LoopAsync(CancellationToken): waiting at await #1: Task.Delay",
                "ChannelReader LeakCheck.Tests.EveryKindTests.ReadOneAsync(ChannelReader<Int32>): waiting at await #1: ChannelReader<Int32>.ReadAsync",
                "ChannelWriter LeakCheck.Tests.EveryKindTests.WriteOneAsync(ChannelWriter<Int32>): waiting at await #1: ChannelWriter<Int32>.WriteAsync",
                "Timer PeriodicTimer: due 00:05:00 after it was armed or last fired, period 00:05:00",
                "Timer System.Threading.Timer: due 00:05:00 after it was armed, fires once / callback: LeakCheck.Tests.EveryKindTests.OnTick(Object)",
                "Timer Task.Delay: due 00:05:00 after it was armed, fires once",
                "Timer CancellationTokenSource.CancelAfter: due 00:05:00 after it was armed, fires once",
                "Thread System.Threading.Thread \"every-kind worker\": still running (background thread)");
    }

    public void Dispose()
    {
        _stop.Cancel();
        _timer?.Dispose();
        _cancelLater?.Dispose();
        _periodic?.Dispose();
        _unread.Writer.TryComplete();
        _full.Reader.TryRead(out _);
        _threadStop.Set();
        _thread?.Join();
        _threadStop.Dispose();
        _stop.Dispose();
        GC.KeepAlive(_delay);
        GC.KeepAlive(_tracked);
    }

    private static async Task LoopAsync(CancellationToken token)
    {
        while (!token.IsCancellationRequested)
        {
            await Task.Delay(TimeSpan.FromMinutes(5), token);
        }
    }

    private static async Task TickAsync(PeriodicTimer timer)
    {
        while (await timer.WaitForNextTickAsync())
        {
        }
    }

    private static async Task<int> ReadOneAsync(ChannelReader<int> reader) => await reader.ReadAsync();

    private static async Task WriteOneAsync(ChannelWriter<int> writer) => await writer.WriteAsync(2);

    private static void OnTick(object? state)
    {
    }
}
