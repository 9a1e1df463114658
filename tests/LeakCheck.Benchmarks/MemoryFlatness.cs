using System;
using System.Collections.Generic;
using System.Globalization;
using System.Threading;
using System.Threading.Tasks;

namespace LeakCheck.Benchmarks;

/// <summary>
/// Shows that LeakCheck itself does not leak: 10,000 scopes ("tests"), each creating tasks, an async method,
/// a timer and a tracked object, and every 10th one leaking a task that is released only after its verdict.
/// Prints the live heap (after a full collection) every 1,000 scopes. Run: <c>dotnet run -c Release -- --memory</c>.
/// </summary>
public static class MemoryFlatness
{
    public static async Task RunAsync(int scopes = 10_000)
    {
        var options = new LeakCheckOptions { SettleTimeout = TimeSpan.FromMilliseconds(20) };
        var samples = new List<(int Scopes, long Bytes)>();
        var leaky = 0;
        for (var i = 0; i <= scopes; i++)
        {
            if (i % 1000 == 0)
            {
                samples.Add((i, GC.GetTotalMemory(forceFullCollection: true)));
            }

            if (i == scopes)
            {
                break;
            }

            var release = new TaskCompletionSource();
            var scope = LeakScope.Begin("test " + i.ToString(CultureInfo.InvariantCulture), options);
            await Task.Run(() => { });
            await SuspendOnce();
            using (new Timer(_ => { }, null, 60_000, Timeout.Infinite))
            {
            }

            LeakTracker.Track(new object(), "garbage");
            if (i % 10 == 0)
            {
                _ = Wait(release.Task);
            }

            var report = await scope.EndAsync();
            release.SetResult();
            leaky += report.HasLeaks ? 1 : 0;
        }

        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{scopes:N0} scopes, {leaky:N0} reported a leak (every 10th leaks an async method on purpose)."));
        Console.WriteLine("| scopes | live heap after full GC |");
        Console.WriteLine("|---:|---:|");
        foreach (var (count, bytes) in samples)
        {
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| {count:N0} | {bytes / 1024.0 / 1024.0:0.00} MB |"));
        }
    }

    private static async Task SuspendOnce() => await Task.Yield();

    private static async Task Wait(Task task) => await task;
}
