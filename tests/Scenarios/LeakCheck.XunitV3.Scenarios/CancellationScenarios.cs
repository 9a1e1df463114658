using System.Threading;
using System.Threading.Tasks;
using Xunit;

namespace LeakCheck.XunitV3.Scenarios;

/// <summary>
/// Work that takes the test's cancellation token (<c>TestContext.Current.CancellationToken</c>): xUnit cancels it
/// when a test times out or the run is cancelled, not when a test ends.
/// </summary>
[NoLeaks(SettleTimeoutMilliseconds = 200)]
public sealed class CancellationScenarios
{
    [Fact]
    public void Delay_on_the_tests_token_left_pending()
        => _ = Task.Delay(Timeout.Infinite, TestContext.Current.CancellationToken);

    [Fact(Timeout = 100)]
    public async Task Timed_out_while_awaiting_the_tests_token()
        => await Task.Delay(Timeout.Infinite, TestContext.Current.CancellationToken);
}

/// <summary>A fixture that outlives its tests and holds a source they register on (an application lifetime of its own).</summary>
public sealed class LifetimeFixture : System.IDisposable
{
    public CancellationTokenSource Stopping { get; } = new();

    public void Dispose() => Stopping.Dispose();
}

/// <summary>A collection fixture holding a long-lived source, one object away.</summary>
public sealed class SharedServerFixture
{
    public LifetimeFixture Lifetime { get; } = new();
}

[CollectionDefinition(nameof(SharedServerCollection))]
public sealed class SharedServerCollection : ICollectionFixture<SharedServerFixture>
{
}

/// <summary>Callbacks left on sources that class and collection fixtures hold, beside their clean twin.</summary>
[NoLeaks(SettleTimeoutMilliseconds = 100)]
[Collection(nameof(SharedServerCollection))]
public sealed class FixtureRegistrations(LifetimeFixture classFixture, SharedServerFixture collectionFixture) : IClassFixture<LifetimeFixture>
{
    [Fact]
    public void Leaves_a_callback_on_the_class_fixture() => classFixture.Stopping.Token.Register(OnStopping);

    [Fact]
    public void Leaves_a_callback_on_the_collection_fixture() => collectionFixture.Lifetime.Stopping.Token.Register(OnStopping);

    [Fact]
    public void Disposes_its_callback()
    {
        using var registration = classFixture.Stopping.Token.Register(OnStopping);
        using var other = collectionFixture.Lifetime.Stopping.Token.Register(OnStopping);
    }

    private static void OnStopping()
    {
    }
}
