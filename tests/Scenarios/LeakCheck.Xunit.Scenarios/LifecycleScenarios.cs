using System;
using System.Threading.Tasks;
using Xunit;

namespace LeakCheck.Xunit.Scenarios;

[NoLeaks]
public sealed class CreatedInConstructorReleasedInDispose : IDisposable
{
    private readonly Connection _connection = new();

    public CreatedInConstructorReleasedInDispose()
    {
        LeakTracker.Track(_connection, "connection");
        StaticHolder.Keep(_connection);
    }

    [Fact]
    public void Test() => Assert.NotNull(_connection);

    public void Dispose() => StaticHolder.Release(_connection);
}

[NoLeaks]
public sealed class CreatedInConstructorNeverReleased
{
    public CreatedInConstructorNeverReleased()
    {
        var connection = new Connection();
        LeakTracker.Track(connection, "connection");
        StaticHolder.Keep(connection);
    }

    [Fact]
    public void Test()
    {
    }
}

[NoLeaks]
public sealed class CreatedInInitializeAsyncNeverReleased : IAsyncLifetime
{
    public Task InitializeAsync()
    {
        var connection = new Connection();
        LeakTracker.Track(connection, "connection");
        StaticHolder.Keep(connection);
        return Task.CompletedTask;
    }

    [Fact]
    public void Test()
    {
    }

    public Task DisposeAsync() => Task.CompletedTask;
}

[NoLeaks]
public sealed class CreatedInInitializeAsyncReleasedInDisposeAsync : IAsyncLifetime
{
    private readonly Connection _connection = new();

    public async Task InitializeAsync()
    {
        await Task.Yield();
        LeakTracker.Track(_connection, "connection");
        StaticHolder.Keep(_connection);
    }

    [Fact]
    public void Test()
    {
    }

    public async Task DisposeAsync()
    {
        await Task.Yield();
        StaticHolder.Release(_connection);
    }
}

[NoLeaks]
public sealed class HeldOnlyByTestClassInstance
{
    private readonly Session _session = new();

    public HeldOnlyByTestClassInstance() => LeakTracker.Track(_session, "field");

    [Fact]
    public void Test() => Assert.NotNull(_session);
}
