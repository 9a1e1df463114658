using System.Threading;
using Microsoft.VisualStudio.TestTools.UnitTesting;

namespace LeakCheck.MSTest.Scenarios;

/// <summary>Two tests that run at the same time (method-level parallelism): the barrier makes them overlap.</summary>
public static class ParallelRendezvous
{
    public static readonly Barrier Barrier = new(2);
}

[TestClass]
[NoLeaks]
public sealed class ParallelPair
{
    [TestMethod]
    public void Leaks_while_the_clean_test_runs()
    {
        Assert.IsTrue(ParallelRendezvous.Barrier.SignalAndWait(30_000), "the clean test never ran beside this one");
        var session = new Session();
        LeakTracker.Track(session, "parallel leak");
        StaticHolder.Keep(session);
        Assert.IsTrue(ParallelRendezvous.Barrier.SignalAndWait(30_000), "the clean test never ran beside this one");
    }

    [TestMethod]
    public void Runs_clean_beside_the_leaky_test()
    {
        Assert.IsTrue(ParallelRendezvous.Barrier.SignalAndWait(30_000), "the leaky test never ran beside this one");
        LeakTracker.Track(new Session(), "parallel clean");
        Assert.IsTrue(ParallelRendezvous.Barrier.SignalAndWait(30_000), "the leaky test never ran beside this one");
    }
}
