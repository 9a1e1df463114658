using System;
using System.Threading;
using Xunit;

[assembly: AssemblyFixture(typeof(LeakCheck.XunitV3.Scenarios.TimerOwningAssemblyFixture))]

namespace LeakCheck.XunitV3.Scenarios;

/// <summary>An assembly fixture of the suite's own, beside LeakCheck's: it owns an armed timer and a tracked object for the whole run.</summary>
public sealed class TimerOwningAssemblyFixture : IDisposable
{
    private readonly Timer _timer = new(static _ => { }, null, TimeSpan.FromMinutes(5), TimeSpan.FromMinutes(5));

    public TimerOwningAssemblyFixture() => LeakTracker.Track(Session, "assembly fixture session");

    public Session Session { get; } = new();

    public void Dispose() => _timer.Dispose();
}

/// <summary>A class fixture that owns an armed timer (a cache's refresh timer) and a tracked object, disposed with the fixture.</summary>
public sealed class TimerOwningClassFixture : IDisposable
{
    private readonly Timer _timer = new(static _ => { }, null, TimeSpan.FromMinutes(5), TimeSpan.FromMinutes(5));

    public TimerOwningClassFixture() => LeakTracker.Track(Connection, "class fixture connection");

    public Connection Connection { get; } = new();

    public void Dispose() => _timer.Dispose();
}

public sealed class TrackingCollectionFixture
{
    public TrackingCollectionFixture() => LeakTracker.Track(Session, "collection fixture session");

    public Session Session { get; } = new();
}

[CollectionDefinition(nameof(FixtureCollection))]
public sealed class FixtureCollection : ICollectionFixture<TrackingCollectionFixture>
{
}

[NoLeaks]
[Collection(nameof(FixtureCollection))]
public sealed class FixturesAreNotBlamedOnTests : IClassFixture<TimerOwningClassFixture>
{
    private readonly TimerOwningClassFixture _classFixture;
    private readonly TrackingCollectionFixture _collectionFixture;
    private readonly TimerOwningAssemblyFixture _assemblyFixture;

    public FixturesAreNotBlamedOnTests(TimerOwningClassFixture classFixture, TrackingCollectionFixture collectionFixture, TimerOwningAssemblyFixture assemblyFixture)
    {
        _classFixture = classFixture;
        _collectionFixture = collectionFixture;
        _assemblyFixture = assemblyFixture;
    }

    [Fact]
    public void Uses_fixtures()
    {
        Assert.NotNull(_classFixture.Connection);
        Assert.NotNull(_collectionFixture.Session);
        Assert.NotNull(_assemblyFixture.Session);
    }

    [Fact]
    public void Uses_them_again() => Assert.NotNull(_classFixture.Connection);
}

/// <summary>A debouncer created disarmed by the fixture and disposed with it; tests arm it with <c>Timer.Change</c>.</summary>
public sealed class DebouncerFixture : IDisposable
{
    private readonly Timer _timer = new(static _ => { }, null, Timeout.Infinite, Timeout.Infinite);

    public void Poke() => _timer.Change(TimeSpan.FromMinutes(5), Timeout.InfiniteTimeSpan);

    public void Dispose() => _timer.Dispose();
}

[NoLeaks]
public sealed class FixtureTimerRearmedByATest : IClassFixture<DebouncerFixture>
{
    private readonly DebouncerFixture _fixture;

    public FixtureTimerRearmedByATest(DebouncerFixture fixture) => _fixture = fixture;

    [Fact]
    public void Pokes_the_fixtures_debouncer() => _fixture.Poke();
}
