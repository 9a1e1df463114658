using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using LeakCheck;
using LeakCheck.NUnit;
using NUnit.Framework;

[assembly: NoLeaks]
[assembly: Parallelizable(ParallelScope.All)]

namespace DotnetTestScenario;

/// <summary>A run with one leak in each of two parallel tests and a clean one: each leak fails its own test only.</summary>
public sealed class LeakyRunTests
{
    private static readonly List<object> s_cache = [];

    [Test]
    public void Keeps_a_tracked_object()
    {
        var item = new object();
        LeakTracker.Track(item, "cached item");
        lock (s_cache)
        {
            s_cache.Add(item);
        }
    }

    [Test]
    public async Task Leaves_an_async_method_waiting()
    {
        _ = WaitForeverAsync(new TaskCompletionSource());
        await Task.Yield();
    }

    [Test]
    public void Clean() => LeakTracker.Track(new object(), "garbage");

    private static async Task WaitForeverAsync(TaskCompletionSource never) => await never.Task;
}
