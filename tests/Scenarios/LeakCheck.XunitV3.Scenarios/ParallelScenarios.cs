using System.Threading;
using Xunit;

namespace LeakCheck.XunitV3.Scenarios;

/// <summary>Two classes (two collections) that run at the same time: the barrier makes them overlap.</summary>
public static class ParallelRendezvous
{
    public static readonly Barrier Barrier = new(2);
}

[NoLeaks]
public class ParallelLeakyClass
{
    [Fact]
    public void Leaks_while_the_clean_class_runs()
    {
        Assert.True(ParallelRendezvous.Barrier.SignalAndWait(10_000, TestContext.Current.CancellationToken), "the clean class never ran beside this one");
        var session = new Session();
        LeakTracker.Track(session, "parallel leak");
        StaticHolder.Keep(session);
        Assert.True(ParallelRendezvous.Barrier.SignalAndWait(10_000, TestContext.Current.CancellationToken), "the clean class never ran beside this one");
    }
}

[NoLeaks]
public class ParallelCleanClass
{
    [Fact]
    public void Runs_clean_beside_the_leaky_class()
    {
        Assert.True(ParallelRendezvous.Barrier.SignalAndWait(10_000, TestContext.Current.CancellationToken), "the leaky class never ran beside this one");
        LeakTracker.Track(new Session(), "parallel clean");
        Assert.True(ParallelRendezvous.Barrier.SignalAndWait(10_000, TestContext.Current.CancellationToken), "the leaky class never ran beside this one");
    }
}
