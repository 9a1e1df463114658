using System;
using System.Threading;
using System.Threading.Tasks;
using NUnit.Framework;

namespace LeakCheck.NUnit.Scenarios;

[NoLeaks]
public class FixtureLevel
{
    [Test]
    public void Leaks_a_tracked_object()
    {
        var connection = new Connection();
        LeakTracker.Track(connection, "connection");
        Kept.Add(connection);
    }

    [Test]
    public void Clean() => LeakTracker.Track(new Connection(), "garbage");

    [Test]
    public void Failing_test_that_leaks_keeps_its_failure_first()
    {
        var connection = new Connection();
        LeakTracker.Track(connection, "connection");
        Kept.Add(connection);
        Assert.That(1, Is.EqualTo(2));
    }

    [TestCase(false)]
    [TestCase(true)]
    public void Test_cases_are_checked_one_by_one(bool leak)
    {
        var connection = new Connection();
        LeakTracker.Track(connection, "case");
        if (leak)
        {
            Kept.Add(connection);
        }
    }

    [Test]
    public async Task Async_test_leaving_a_loop_running()
    {
        await Task.Yield();
        _ = Loop(Gate.Token);
    }

    [Test]
    [NoLeaks(Enabled = false)]
    public void Opted_out() => Kept.Add(Tracked());

    private static Connection Tracked()
    {
        var connection = new Connection();
        LeakTracker.Track(connection);
        return connection;
    }

    private static async Task Loop(CancellationToken token)
    {
        while (!token.IsCancellationRequested)
        {
            await Task.Delay(5, CancellationToken.None);
        }
    }
}

/// <summary>Releases the leaked loops after the verdicts.</summary>
public static class Gate
{
    // Created on first use, not by a static initializer: on .NET 8 LeakCheck cannot tell whether a static initializer
    // ran, and would name this source in the run summary as one it could not check.
    private static CancellationTokenSource? s_gate;

    public static CancellationToken Token => LazyInitializer.EnsureInitialized(ref s_gate).Token;

    public static void ReleaseAll() => Interlocked.Exchange(ref s_gate, new CancellationTokenSource())?.Cancel();
}

[NoLeaks]
public class SetUpAndTearDown
{
    private Connection? _connection;

    [SetUp]
    public void SetUp()
    {
        _connection = new Connection();
        LeakTracker.Track(_connection, "from SetUp");
        Kept.Add(_connection);
    }

    [TearDown]
    public void TearDown()
    {
        if (TestContext.CurrentContext.Test.Name == nameof(Released_in_TearDown))
        {
            Kept.Remove(_connection!);
        }

        _connection = null;
    }

    [Test]
    public void Released_in_TearDown()
    {
    }

    [Test]
    public void Left_alive_after_TearDown()
    {
    }
}

public class MethodLevel
{
    private Connection? _connection;

    [SetUp]
    public void SetUp()
    {
        _connection = new Connection();
        LeakTracker.Track(_connection, "from SetUp");
        Kept.Add(_connection);
    }

    [TearDown]
    public void TearDown()
    {
        Kept.Remove(_connection!);
        _connection = null;
    }

    [Test]
    [NoLeaks]
    public void Checked_method_covers_SetUp_and_TearDown()
    {
    }

    [Test]
    [NoLeaks]
    public void Checked_method_that_leaks() => Kept.Add(Tracked("in the test"));

    [Test]
    public void Unchecked_method_that_leaks() => Kept.Add(Tracked("unchecked"));

    private static Connection Tracked(string name)
    {
        var connection = new Connection();
        LeakTracker.Track(connection, name);
        return connection;
    }
}

[NoLeaks]
public class OneTimeSetUpIsNotBlamed
{
    private Connection? _shared;

    [OneTimeSetUp]
    public void Start()
    {
        _shared = new Connection();
        LeakTracker.Track(_shared, "one-time");
        Kept.Add(_shared);
    }

    [Test]
    public void Uses_the_shared_object() => Assert.That(_shared, Is.Not.Null);
}

/// <summary>A debouncer the fixture creates disarmed in [OneTimeSetUp] and disposes in [OneTimeTearDown]; the test arms it.</summary>
[NoLeaks]
public sealed class OneTimeTimerRearmedByATest
{
    private System.Threading.Timer? _debouncer;

    [OneTimeSetUp]
    public void Start() => _debouncer = new System.Threading.Timer(static _ => { }, null, System.Threading.Timeout.Infinite, System.Threading.Timeout.Infinite);

    [Test]
    public void Pokes_the_debouncer() => _debouncer!.Change(System.TimeSpan.FromMinutes(5), System.Threading.Timeout.InfiniteTimeSpan);

    [OneTimeTearDown]
    public void Stop() => _debouncer?.Dispose();
}

[NoLeaks]
[FixtureLifeCycle(LifeCycle.InstancePerTestCase)]
public sealed class InstancePerTestCase : IDisposable
{
    private readonly Connection _connection = new();

    public InstancePerTestCase() => Kept.Add(_connection);

    [SetUp]
    public void SetUp() => LeakTracker.Track(_connection, "per-test instance");

    [Test]
    public void Released_in_Dispose() => Assert.That(_connection, Is.Not.Null);

    public void Dispose() => Kept.Remove(_connection);
}

[NoLeaks(Mode = LeakCheckMode.Warn)]
public class WarnMode
{
    [Test]
    public void Leak_goes_to_the_output()
    {
        var connection = new Connection();
        LeakTracker.Track(connection, "warned");
        Kept.Add(connection);
    }
}

[NoLeaks(SettleTimeoutMilliseconds = 0)]
public class InvalidOptions
{
    [Test]
    public void Test()
    {
    }
}

[NoLeaks]
[Parallelizable(ParallelScope.Self)]
public class ParallelLeaky
{
    [Test]
    public void Leaks_beside_the_clean_fixture()
    {
        Rendezvous.Barrier.SignalAndWait(5000);
        var connection = new Connection();
        LeakTracker.Track(connection, "parallel leak");
        Kept.Add(connection);
        Rendezvous.Barrier.SignalAndWait(5000);
    }
}

[NoLeaks]
[Parallelizable(ParallelScope.Self)]
public class ParallelClean
{
    [Test]
    public void Runs_clean_beside_the_leaky_fixture()
    {
        Rendezvous.Barrier.SignalAndWait(5000);
        LeakTracker.Track(new Connection(), "parallel clean");
        Rendezvous.Barrier.SignalAndWait(5000);
    }
}

public static class Rendezvous
{
    public static readonly Barrier Barrier = new(2);
}

[NoLeaks]
public class RetryAndRepeat
{
    private static int s_attempts;

    [Test]
    [Retry(3)]
    public void Retried_test_that_fails_once_then_passes_clean()
    {
        if (Interlocked.Increment(ref s_attempts) % 2 == 1)
        {
            Assert.Fail("first attempt fails");
        }
    }

    [Test]
    [Repeat(3)]
    public void Repeated_clean_test() => LeakTracker.Track(new Connection());
}

[NoLeaks]
[FixtureLifeCycle(LifeCycle.InstancePerTestCase)]
public sealed class InstancePerTestCaseLeaky : IDisposable
{
    private readonly Connection _connection = new();

    [SetUp]
    public void SetUp()
    {
        LeakTracker.Track(_connection, "kept after Dispose");
        Kept.Add(_connection);
    }

    [Test]
    public void Not_released_in_Dispose() => Assert.That(_connection, Is.Not.Null);

    public void Dispose()
    {
    }
}

[NoLeaks]
public class SourcedCases
{
    public static readonly object[] Cases = [new object[] { "clean", false }, new object[] { "leaky", true }];

    [TestCaseSource(nameof(Cases))]
    public void Case(string name, bool leak)
    {
        var connection = new Connection();
        LeakTracker.Track(connection, name);
        if (leak)
        {
            Kept.Add(connection);
        }
    }

    [Test]
    [Repeat(2)]
    public void Repeated_leaky_test_fails() => Kept.Add(Tracked());

    private static Connection Tracked()
    {
        var connection = new Connection();
        LeakTracker.Track(connection, "repeated");
        return connection;
    }
}
