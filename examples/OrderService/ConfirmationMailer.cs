using System;
using System.Collections.Generic;
using LeakCheck;

namespace OrderService;

/// <summary>
/// Sends a confirmation for every submitted order. It subscribes to <see cref="OrderEvents.Submitted"/>; the
/// leaky version never unsubscribes, so every mailer ever created stays alive.
/// </summary>
public sealed class ConfirmationMailer : IDisposable
{
    private readonly List<int> _sent = new();
    private readonly bool _unsubscribeOnDispose;

    public ConfirmationMailer(bool unsubscribeOnDispose)
    {
        _unsubscribeOnDispose = unsubscribeOnDispose;
        OrderEvents.Submitted += OnSubmitted;
        LeakTracker.Track(this, "confirmation mailer");
    }

    public IReadOnlyList<int> Sent => _sent;

    public void Dispose()
    {
        if (_unsubscribeOnDispose)
        {
            OrderEvents.Submitted -= OnSubmitted;
        }
    }

    private void OnSubmitted(object? sender, Order order) => _sent.Add(order.Id);
}
