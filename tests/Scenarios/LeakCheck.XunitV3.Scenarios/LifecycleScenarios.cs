using System;
using System.Threading.Tasks;
using Xunit;

namespace LeakCheck.XunitV3.Scenarios;

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
public sealed class CreatedInInitializeAsyncReleasedInDisposeAsync : IAsyncLifetime
{
    private readonly Connection _connection = new();

    public async ValueTask InitializeAsync()
    {
        await Task.Yield();
        LeakTracker.Track(_connection, "connection");
        StaticHolder.Keep(_connection);
    }

    [Fact]
    public void Test() => Assert.NotNull(_connection);

    public async ValueTask DisposeAsync()
    {
        await Task.Yield();
        StaticHolder.Release(_connection);
    }
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
public sealed class CreatedInDisposeNeverReleased : IDisposable
{
    [Fact]
    public void Test()
    {
    }

    public void Dispose()
    {
        var connection = new Connection();
        LeakTracker.Track(connection, "connection");
        StaticHolder.Keep(connection);
    }
}

[NoLeaks]
public sealed class CreatedInDisposeAsyncNeverReleased : IAsyncDisposable
{
    [Fact]
    public void Test()
    {
    }

    public async ValueTask DisposeAsync()
    {
        await Task.Yield();
        var connection = new Connection();
        LeakTracker.Track(connection, "connection");
        StaticHolder.Keep(connection);
    }
}
