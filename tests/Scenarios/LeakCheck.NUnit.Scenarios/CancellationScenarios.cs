using System.Runtime.CompilerServices;
using System.Threading;
using NUnit.Framework;

namespace LeakCheck.NUnit.Scenarios;

/// <summary>
/// The application's lifetime: a source that lives as long as the process, held by a static field. Set at start-up
/// (a module initializer), as an application's composition root would.
/// </summary>
public static class ApplicationLifetime
{
    public static CancellationTokenSource Stopping { get; private set; } = null!;

#pragma warning disable CA2255 // The scenarios' stand-in for an application's start-up.
    [ModuleInitializer]
#pragma warning restore CA2255
    internal static void Start() => Stopping = new CancellationTokenSource();
}

/// <summary>Tests that leave a callback on the application's lifetime, beside their clean twins (run in parallel or serially).</summary>
[NoLeaks(SettleTimeoutMilliseconds = 100)]
[Parallelizable(ParallelScope.Children)]
public sealed class CancellationScenarios
{
    [Test]
    public void Leaves_a_callback_registered() => ApplicationLifetime.Stopping.Token.Register(OnStopping);

    [Test]
    public void Leaves_a_linked_source_undisposed()
    {
        var linked = CancellationTokenSource.CreateLinkedTokenSource(ApplicationLifetime.Stopping.Token);
        linked.Token.Register(static () => { });
    }

    [Test]
    public void Disposes_its_registration()
    {
        using var registration = ApplicationLifetime.Stopping.Token.Register(static () => { });
    }

    [Test]
    public void Disposes_its_linked_source()
    {
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(ApplicationLifetime.Stopping.Token);
        linked.Token.Register(static () => { });
    }

    private static void OnStopping()
    {
    }
}

/// <summary>A fixture whose lifetime source, created once for all its tests, outlives each test (NUnit reuses one fixture instance).</summary>
[NoLeaks(SettleTimeoutMilliseconds = 100)]
[Parallelizable(ParallelScope.Children)]
public sealed class FixtureLifetimeScenarios
{
    private CancellationTokenSource _lifetime = null!;

    [OneTimeSetUp]
    public void Start() => _lifetime = new CancellationTokenSource();

    [OneTimeTearDown]
    public void Stop() => _lifetime.Dispose();

    [Test]
    public void Leaves_a_callback_on_the_fixture_lifetime() => _lifetime.Token.Register(OnStopping);

    [Test]
    public void Disposes_its_callback_on_the_fixture_lifetime()
    {
        using var registration = _lifetime.Token.Register(OnStopping);
    }

    private static void OnStopping()
    {
    }
}
