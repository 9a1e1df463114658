using System;
using System.Collections.Concurrent;
using System.Collections.Generic;

namespace OrderService;

/// <summary>Sends a confirmation for every order raised on <see cref="OrderEvents.Submitted"/>.</summary>
/// <remarks>
/// Leak (leaky build): Dispose does not unsubscribe, so the static event keeps every mailer ever created alive,
/// and each one keeps receiving orders.
/// </remarks>
public sealed class ConfirmationMailer : IDisposable
{
    private readonly ConcurrentQueue<int> _sent = new();

    public ConfirmationMailer() => OrderEvents.Submitted += OnSubmitted;

    /// <summary>Gets the ids of the orders confirmed so far.</summary>
    public IReadOnlyCollection<int> Sent => _sent;

    public void Dispose()
    {
#if FIXED
        OrderEvents.Submitted -= OnSubmitted;
#endif
    }

    private void OnSubmitted(object? sender, Order order) => _sent.Enqueue(order.Id);
}
