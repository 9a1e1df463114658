using System.Threading;

namespace OrderService.Tests;

/// <summary>A warehouse that is down or up as the test says, and counts the reservation attempts it sees.</summary>
public sealed class FakeWarehouse : IWarehouse
{
    private int _attempts;

    public bool IsDown { get; set; }

    public int Attempts => Volatile.Read(ref _attempts);

    public bool TryReserve(Order order)
    {
        Interlocked.Increment(ref _attempts);
        return !IsDown;
    }
}
