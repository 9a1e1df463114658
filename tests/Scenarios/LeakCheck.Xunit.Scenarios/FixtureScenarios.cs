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
