using System;
using System.Threading.Channels;
using System.Threading.Tasks;

namespace OrderService;

/// <summary>
/// Processes submitted orders on a background consumer reading a channel. The leaky version never completes
/// the channel on Dispose, so its consumer waits in ReadAllAsync forever.
/// </summary>
public sealed class OrderPump : IDisposable
{
    private readonly Channel<Order> _incoming = Channel.CreateUnbounded<Order>();
    private readonly Channel<int> _processed = Channel.CreateUnbounded<int>();
    private readonly bool _stopOnDispose;

    public OrderPump(bool stopOnDispose)
    {
        _stopOnDispose = stopOnDispose;
        Consumer = ConsumeAsync();
    }

    public Task Consumer { get; }

    public ValueTask SubmitAsync(Order order) => _incoming.Writer.WriteAsync(order);

    public ValueTask<int> NextProcessedAsync() => _processed.Reader.ReadAsync();

    public void Dispose()
    {
        if (_stopOnDispose)
        {
            _incoming.Writer.Complete();
        }
    }

    private async Task ConsumeAsync()
    {
        await foreach (var order in _incoming.Reader.ReadAllAsync())
        {
            await _processed.Writer.WriteAsync(order.Id);
        }
    }
}
