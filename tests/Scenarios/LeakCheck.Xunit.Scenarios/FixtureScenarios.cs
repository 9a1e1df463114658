using Xunit;

namespace LeakCheck.Xunit.Scenarios;

public sealed class TrackingClassFixture
{
    public TrackingClassFixture()
    {
        Connection = new Connection();
        LeakTracker.Track(Connection, "class fixture connection");
    }

    public Connection Connection { get; }
}

public sealed class TrackingCollectionFixture
{
    public TrackingCollectionFixture()
    {
        Session = new Session();
        LeakTracker.Track(Session, "collection fixture session");
    }

    public Session Session { get; }
}

[CollectionDefinition(nameof(FixtureCollection))]
public sealed class FixtureCollection : ICollectionFixture<TrackingCollectionFixture>
{
}

[NoLeaks]
[Collection(nameof(FixtureCollection))]
public sealed class FixturesAreNotBlamedOnTests : IClassFixture<TrackingClassFixture>
{
    private readonly TrackingClassFixture _classFixture;
    private readonly TrackingCollectionFixture _collectionFixture;

    public FixturesAreNotBlamedOnTests(TrackingClassFixture classFixture, TrackingCollectionFixture collectionFixture)
    {
        _classFixture = classFixture;
        _collectionFixture = collectionFixture;
    }

    [Fact]
    public void Uses_fixtures()
    {
        Assert.NotNull(_classFixture.Connection);
        Assert.NotNull(_collectionFixture.Session);
    }
}

/// <summary>A debouncer created disarmed by the fixture and disposed with it; tests arm it with <c>Timer.Change</c>.</summary>
public sealed class DebouncerFixture : System.IDisposable
{
    private readonly System.Threading.Timer _timer = new(static _ => { }, null, System.Threading.Timeout.Infinite, System.Threading.Timeout.Infinite);

    public void Poke() => _timer.Change(System.TimeSpan.FromMinutes(5), System.Threading.Timeout.InfiniteTimeSpan);

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

/// <summary>A fixture that starts its worker on first use, inside whichever test uses it first, and stops it when disposed.</summary>
public sealed class LazyWorkerFixture : System.IAsyncDisposable
{
    private readonly System.Threading.CancellationTokenSource _stop = new();
    private System.Threading.Tasks.Task? _worker;

    public void EnsureStarted()
    {
        using (LeakScope.Unowned())
        {
            _worker ??= RunAsync(_stop.Token);
        }
    }

    public async System.Threading.Tasks.ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        if (_worker is not null)
        {
            await _worker;
        }

        _stop.Dispose();
    }

    private static async System.Threading.Tasks.Task RunAsync(System.Threading.CancellationToken stop)
    {
        try
        {
            await System.Threading.Tasks.Task.Delay(System.Threading.Timeout.Infinite, stop);
        }
        catch (System.OperationCanceledException)
        {
        }
    }
}

[NoLeaks]
public sealed class LazyFixtureWorkerStartedUnowned : IClassFixture<LazyWorkerFixture>
{
    private readonly LazyWorkerFixture _fixture;

    public LazyFixtureWorkerStartedUnowned(LazyWorkerFixture fixture) => _fixture = fixture;

    [Fact]
    public void Uses_the_worker() => _fixture.EnsureStarted();
}
