using System;
using System.Diagnostics;
using System.Threading.Tasks;

namespace OrderService.Tests;

/// <summary>Waits for background work to show its effect: polls a condition until it holds, for at most 10 s.</summary>
public static class Eventually
{
    public static async Task WaitUntilAsync(Func<bool> condition)
    {
        var clock = Stopwatch.StartNew();
        while (!condition())
        {
            if (clock.Elapsed > TimeSpan.FromSeconds(10))
            {
                throw new TimeoutException("The condition did not hold within 10 s.");
            }

            await Task.Delay(10);
        }
    }
}
