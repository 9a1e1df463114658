using System;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.VisualStudio.TestTools.UnitTesting;

namespace LeakCheck.MSTest.Scenarios;

/// <summary>
/// MSTest still holds the test class instance when the check ends (after Dispose): what the instance's fields reference
/// is reachable then, so these classes clear their field when they release the object.
/// </summary>
[TestClass]
[NoLeaks]
public sealed class CreatedInConstructorReleasedInDispose : IDisposable
{
    private Connection? _connection = new();

    public CreatedInConstructorReleasedInDispose()
    {
        LeakTracker.Track(_connection!, "connection");
        StaticHolder.Keep(_connection!);
    }

    [TestMethod]
    public void Test() => Assert.IsNotNull(_connection);

    public void Dispose()
    {
        StaticHolder.Release(_connection!);
        _connection = null;
    }
}

[TestClass]
[NoLeaks]
public sealed class CreatedInTestInitializeReleasedInTestCleanup
{
    private Connection? _connection;

    [TestInitialize]
    public async Task Initialize()
    {
        await Task.Yield();
        _connection = new Connection();
        LeakTracker.Track(_connection, "connection");
        StaticHolder.Keep(_connection);
    }

    [TestMethod]
    public void Test() => Assert.IsNotNull(_connection);

    [TestCleanup]
    public async Task Cleanup()
    {
        await Task.Yield();
        StaticHolder.Release(_connection!);
        _connection = null;
    }
}

/// <summary>The limitation the classes above work around: the instance's own field keeps the object reachable.</summary>
[TestClass]
[NoLeaks]
public sealed class ReferencedOnlyByTheTestInstance
{
    private readonly Connection _connection = new();

    public ReferencedOnlyByTheTestInstance() => LeakTracker.Track(_connection, "field");

    [TestMethod]
    public void Test() => Assert.IsNotNull(_connection);
}

[TestClass]
[NoLeaks]
public sealed class CreatedInConstructorNeverReleased
{
    public CreatedInConstructorNeverReleased() => Lifecycle.Leak();

    [TestMethod]
    public void Test()
    {
    }
}

[TestClass]
[NoLeaks]
public sealed class CreatedInTestInitializeNeverReleased
{
    [TestInitialize]
    public void Initialize() => Lifecycle.Leak();

    [TestMethod]
    public void Test()
    {
    }
}

[TestClass]
[NoLeaks]
public sealed class CreatedInTestCleanupNeverReleased
{
    [TestMethod]
    public void Test()
    {
    }

    [TestCleanup]
    public void Cleanup() => Lifecycle.Leak();
}

[TestClass]
[NoLeaks]
public sealed class CreatedInDisposeNeverReleased : IDisposable
{
    [TestMethod]
    public void Test()
    {
    }

    public void Dispose() => Lifecycle.Leak();
}

[TestClass]
[NoLeaks]
public sealed class CreatedInDisposeAsyncNeverReleased : IAsyncDisposable
{
    [TestMethod]
    public void Test()
    {
    }

    public async ValueTask DisposeAsync()
    {
        await Task.Yield();
        Lifecycle.Leak();
    }
}

/// <summary>A class initializer's timer and task outlive every test of the class: they belong to no test.</summary>
[TestClass]
[NoLeaks]
public sealed class ClassInitializeIsNotBlamedOnTests
{
    [ClassInitialize]
    public static void CreateSharedWork(TestContext context)
    {
        StaticHolder.Keep(new Timer(_ => { }, null, TimeSpan.FromMinutes(5), TimeSpan.FromMinutes(5)));
        _ = Task.Run(async () => await Never.Released.WaitAsync(CancellationToken.None), CancellationToken.None);
        var session = new Session();
        LeakTracker.Track(session, "class initializer");
        StaticHolder.Keep(session);
    }

    [ClassCleanup]
    public static void LeaveMoreSharedWork() => StaticHolder.Keep(new Timer(_ => { }, null, TimeSpan.FromMinutes(5), TimeSpan.FromMinutes(5)));

    [TestMethod]
    public void First()
    {
    }

    [TestMethod]
    public void Second()
    {
    }
}

/// <summary>The assembly initializer's timer and tracked object belong to no test (see <see cref="AssemblyHooks"/>).</summary>
[TestClass]
[NoLeaks]
public sealed class AssemblyInitializeIsNotBlamedOnTests
{
    [TestMethod]
    public void Test() => Assert.IsTrue(AssemblyHooks.Initialized);
}

[TestClass]
public static class AssemblyHooks
{
    public static bool Initialized { get; private set; }

    [AssemblyInitialize]
    public static void CreateProcessWideWork(TestContext context)
    {
        // The leaky scenarios block threads on purpose (and MSTest's workers block on synchronous tests): enough pool
        // threads from the start, so that the clean scenarios' short work never waits for the pool to grow.
        ThreadPool.SetMinThreads(32, 32);
        StaticHolder.Keep(new Timer(_ => { }, null, TimeSpan.FromMinutes(5), TimeSpan.FromMinutes(5)));
        var session = new Session();
        LeakTracker.Track(session, "assembly initializer");
        StaticHolder.Keep(session);
        Initialized = true;
    }

    [AssemblyCleanup]
    public static void LeaveProcessWideWork() => StaticHolder.Keep(new Timer(_ => { }, null, TimeSpan.FromMinutes(5), TimeSpan.FromMinutes(5)));
}

internal static class Lifecycle
{
    public static void Leak()
    {
        var connection = new Connection();
        LeakTracker.Track(connection, "connection");
        StaticHolder.Keep(connection);
    }
}
