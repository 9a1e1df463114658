using System;
using System.Threading.Channels;
using System.Threading.Tasks;

namespace OrderService;

/// <summary>Processes submitted orders one at a time on a background consumer that reads a channel.</summary>
/// <remarks>
/// Leak (leaky build): Dispose does not complete the channel, so the consumer waits in ReadAllAsync forever.
/// Once nothing references the pump, the waiting consumer is garbage-collected mid-await: its loop never ends
/// and its finally blocks never run.
/// </remarks>
public sealed class OrderPump : IDisposable
{
    private readonly Channel<Order> _incoming = Channel.CreateUnbounded<Order>(new UnboundedChannelOptions { SingleReader = true });
    private readonly Func<Order, ValueTask> _process;

    public OrderPump(Func<Order, ValueTask> process)
    {
        _process = process;
        Consumer = ConsumeAsync();
    }

    /// <summary>Gets the background consumer; it completes once the pump is disposed and the queue is drained.</summary>
    public Task Consumer { get; }

    public ValueTask SubmitAsync(Order order) => _incoming.Writer.WriteAsync(order);

    public void Dispose()
    {
#if FIXED
        _incoming.Writer.TryComplete();
#endif
    }

    private async Task ConsumeAsync()
    {
        await foreach (var order in _incoming.Reader.ReadAllAsync())
        {
            await _process(order);
        }
    }
}
