using System;
using System.Threading;
using System.Threading.Channels;
using System.Threading.Tasks;
using Xunit;

namespace LeakCheck.Xunit.Scenarios;

/// <summary>Each test leaves one kind of async work pending. The gate releases them after the verdict.</summary>
[NoLeaks(SettleTimeoutMilliseconds = 200)]
public class LeakyAsyncWork
{
    private static readonly SemaphoreSlim s_semaphore = new(0);
    private static Channel<int>? s_channel;
    private static Channel<string>? s_bounded;
    private static object? s_everyKind;
    private static object? s_waitToRead;
    private static object? s_readAll;

    [Fact]
    public void Task_Run_polling_loop()
    {
        var token = LeakGate.Token;
        Task.Run(() =>
        {
            while (!token.IsCancellationRequested)
            {
                Thread.Sleep(5);
            }
        });
    }

    [Fact]
    public void StartNew_long_running_blocking_take()
    {
        var token = LeakGate.Token;
        Task.Factory.StartNew(() => token.WaitHandle.WaitOne(), TaskCreationOptions.LongRunning);
    }

    [Fact]
    public void Async_method_awaiting_a_task_nobody_completes() => _ = AwaitForever(LeakGate.NeverCompleted());

    [Fact]
    public void Async_method_awaiting_a_semaphore_nobody_releases() => _ = WaitForSignal(LeakGate.Token);

    [Fact]
    public void Async_method_with_a_Task_Delay_loop() => _ = Heartbeat(LeakGate.Token);

    [Fact]
    public void Async_void_method_still_running()
    {
        // Started outside xUnit's synchronization context, as production code starts it: under that context
        // xUnit itself waits for async void methods to finish.
        var context = SynchronizationContext.Current;
        SynchronizationContext.SetSynchronizationContext(null);
        try
        {
            FireAndForget(LeakGate.NeverCompleted());
        }
        finally
        {
            SynchronizationContext.SetSynchronizationContext(context);
        }
    }

    [Fact]
    public void ContinueWith_on_a_task_that_never_completes()
        => LeakGate.NeverCompleted().ContinueWith(_ => Console.Error.Write(string.Empty), TaskScheduler.Default);

    [Fact]
    public void Reader_blocked_in_ReadAsync()
    {
        s_channel = Channel.CreateUnbounded<int>();
        _ = ReadOne(s_channel.Reader);
    }

    [Fact]
    public void Readers_blocked_on_every_channel_kind()
    {
        var channels = new object[]
        {
            Channel.CreateUnbounded<int>(new UnboundedChannelOptions { SingleReader = true }),
            Channel.CreateBounded<int>(4),

            // Rendezvous channels (capacity 0) exist from .NET 10 on; before, the place holds a full bounded channel,
            // whose blocked reader reads the same in the report.
            Environment.Version.Major >= 10 ? Channel.CreateBounded<int>(0) : Channel.CreateBounded<int>(1),

            // Prioritized channels exist from .NET 9 on (build/runtime-shims lets the net8.0 build compile); on .NET 8
            // the place holds a plain unbounded channel, whose blocked reader reads the same in the report.
            Environment.Version.Major >= 9 ? Channel.CreateUnboundedPrioritized<int>() : Channel.CreateUnbounded<int>(),
        };
        s_everyKind = channels;
        foreach (Channel<int> channel in channels)
        {
            _ = ReadOneOf(channel.Reader);
        }
    }

    [Fact]
    public void Reader_blocked_in_WaitToReadAsync()
    {
        var channel = Channel.CreateUnbounded<long>();
        s_waitToRead = channel;
        _ = WaitToRead(channel.Reader);
    }

    [Fact]
    public void Reader_blocked_in_ReadAllAsync()
    {
        var channel = Channel.CreateUnbounded<Guid>();
        s_readAll = channel;
        _ = ReadAll(channel.Reader);
    }

    [Fact]
    public void Writer_blocked_on_a_full_bounded_channel()
    {
        s_bounded = Channel.CreateBounded<string>(1);
        s_bounded.Writer.TryWrite("first");
        _ = WriteOne(s_bounded.Writer);
    }

    [Fact]
    public void Reader_abandoned_on_a_channel_nobody_references()
        => _ = ReadOne(Channel.CreateUnbounded<int>().Reader);

    private static async Task AwaitForever(Task never) => await never;

    private static async Task<T> ReadOneOf<T>(ChannelReader<T> reader) => await reader.ReadAsync();

    private static async Task<bool> WaitToRead(ChannelReader<long> reader) => await reader.WaitToReadAsync();

    private static async Task ReadAll(ChannelReader<Guid> reader)
    {
        await foreach (var item in reader.ReadAllAsync())
        {
            _ = item;
        }
    }

    private static async Task WaitForSignal(CancellationToken token)
    {
        using var registration = token.Register(() => s_semaphore.Release());
        await s_semaphore.WaitAsync();
    }

    private static async Task Heartbeat(CancellationToken token)
    {
        while (!token.IsCancellationRequested)
        {
            await Task.Delay(10);
        }
    }

    private static async void FireAndForget(Task never)
    {
        try
        {
            await never;
        }
        catch (OperationCanceledException)
        {
        }
    }

    private static async Task<int> ReadOne(ChannelReader<int> reader) => await reader.ReadAsync();

    private static async Task WriteOne(ChannelWriter<string> writer) => await writer.WriteAsync("second");
}

/// <summary>Async work that is not a leak: it finishes within the settle window, or ends cancelled, faulted or released.</summary>
[NoLeaks]
public class CleanAsyncWork
{
    [Fact]
    public void Short_fire_and_forget_finishes_while_settling() => Task.Run(() => Thread.Sleep(20));

    [Fact]
    public void Consumer_drains_a_completed_channel_after_the_test()
    {
        var channel = Channel.CreateUnbounded<int>();
        _ = Drain(channel.Reader);
        channel.Writer.TryWrite(1);
        channel.Writer.Complete();
    }

    [Fact]
    public async Task Cancelled_delay_is_not_a_leak()
    {
        using var cts = new CancellationTokenSource();
        var delay = Task.Delay(Timeout.Infinite, cts.Token);
        await cts.CancelAsync();
        await Assert.ThrowsAsync<TaskCanceledException>(() => delay);
    }

    [Fact]
    public async Task Faulted_task_is_not_a_leak()
        => await Assert.ThrowsAsync<InvalidOperationException>(() => Task.Run(() => throw new InvalidOperationException()));

    [Fact]
    public async Task Released_semaphore_is_not_a_leak()
    {
        var semaphore = new SemaphoreSlim(0);
        var waiter = semaphore.WaitAsync();
        semaphore.Release();
        await waiter;
    }

    [Fact]
    public async Task Awaited_work_is_not_a_leak()
    {
        await Task.Delay(1);
        await Task.Run(() => Thread.Sleep(1));
    }

    private static async Task Drain(ChannelReader<int> reader)
    {
        await foreach (var item in reader.ReadAllAsync())
        {
            _ = item;
        }
    }
}

/// <summary>A fixture that starts background work before any test: never blamed on the tests.</summary>
public sealed class BackgroundPumpFixture : IDisposable
{
    private readonly CancellationTokenSource _stop = new();

    public BackgroundPumpFixture() => Pump = Task.Run(() => Loop(_stop.Token));

    public Task Pump { get; }

    public void Dispose() => _stop.Cancel();

    private static async Task Loop(CancellationToken token)
    {
        while (!token.IsCancellationRequested)
        {
            await Task.Delay(5, CancellationToken.None);
        }
    }
}

[NoLeaks]
public class FixtureWorkIsNotBlamed : IClassFixture<BackgroundPumpFixture>
{
    private readonly BackgroundPumpFixture _fixture;

    public FixtureWorkIsNotBlamed(BackgroundPumpFixture fixture) => _fixture = fixture;

    [Fact]
    public async Task Test_while_the_fixture_pump_runs()
    {
        await Task.Delay(20);
        Assert.False(_fixture.Pump.IsCompleted);
    }
}

/// <summary>Runs beside <see cref="ParallelCleanAsyncClass"/>: both create tasks at the same time.</summary>
[NoLeaks(SettleTimeoutMilliseconds = 300)]
public class ParallelLeakyAsyncClass
{
    [Fact]
    public void Leaves_a_loop_running_while_the_other_class_works()
    {
        AsyncRendezvous.Barrier.SignalAndWait(5000);
        _ = Loop(LeakGate.Token);
        AsyncRendezvous.Barrier.SignalAndWait(5000);
    }

    private static async Task Loop(CancellationToken token)
    {
        while (!token.IsCancellationRequested)
        {
            await Task.Delay(5);
        }
    }
}

[NoLeaks]
public class ParallelCleanAsyncClass
{
    [Fact]
    public async Task Awaits_all_its_work_while_the_other_class_leaks()
    {
        AsyncRendezvous.Barrier.SignalAndWait(5000);
        for (var i = 0; i < 20; i++)
        {
            await Task.Run(() => Thread.Sleep(1));
        }

        AsyncRendezvous.Barrier.SignalAndWait(5000);
    }
}

public static class AsyncRendezvous
{
    public static readonly Barrier Barrier = new(2);
}

/// <summary>A chain of async methods started inside a Task.Run, stuck on a task nobody completes.</summary>
[NoLeaks(SettleTimeoutMilliseconds = 300)]
public class ChainStartedByTaskRun
{
    [Fact]
    public async Task Chain_waits_on_a_gate() => await Task.Run(() => { _ = OuterAsync(LeakGate.NeverCompleted()); });

    private static async Task OuterAsync(Task gate) => await InnerAsync(gate);

    private static async Task InnerAsync(Task gate) => await gate;
}
