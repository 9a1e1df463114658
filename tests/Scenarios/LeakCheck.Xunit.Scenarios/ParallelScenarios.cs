using System.Threading;
using Xunit;

namespace LeakCheck.Xunit.Scenarios;

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
        ParallelRendezvous.Barrier.SignalAndWait(5000);
        var session = new Session();
        LeakTracker.Track(session, "parallel leak");
        StaticHolder.Keep(session);
        ParallelRendezvous.Barrier.SignalAndWait(5000);
    }
}

[NoLeaks]
public class ParallelCleanClass
{
    [Fact]
    public void Runs_clean_beside_the_leaky_class()
    {
        ParallelRendezvous.Barrier.SignalAndWait(5000);
        LeakTracker.Track(new Session(), "parallel clean");
        ParallelRendezvous.Barrier.SignalAndWait(5000);
    }
}
