using System;
using System.Threading;
using System.Threading.Tasks;
using LeakCheck;

namespace LeakCheck.FreshProcess;

/// <summary>Begins a scope before anything in the process used a task or a timer, leaks one of each, prints the report.</summary>
public static class Program
{
    private static readonly TaskCompletionSource s_never = new();
    private static Timer? s_timer;

    public static int Main()
    {
        var scope = LeakScope.Begin("fresh process", new LeakCheckOptions { SettleTimeout = TimeSpan.FromMilliseconds(100) });
        _ = WaitForever();
        s_timer = new Timer(_ => { }, null, TimeSpan.FromMinutes(5), Timeout.InfiniteTimeSpan);
        Console.WriteLine(scope.End().Message);
        GC.KeepAlive(s_timer);
        return 0;
    }

    private static async Task WaitForever() => await s_never.Task;
}
