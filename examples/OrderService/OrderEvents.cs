using System;

namespace OrderService;

/// <summary>An application-wide event hub: a static event, the classic way to keep subscribers alive forever.</summary>
public static class OrderEvents
{
    public static event EventHandler<Order>? Submitted;

    public static void Raise(Order order) => Submitted?.Invoke(null, order);
}
