using System.Runtime.CompilerServices;
using System.Threading;
using Xunit;

namespace LeakCheck.Xunit.Scenarios;

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

/// <summary>Tests that leave a callback on the application's lifetime: a registration never disposed, a linked source never disposed.</summary>
[NoLeaks(SettleTimeoutMilliseconds = 100)]
public sealed class LeakyCancellationRegistrations
{
    [Fact]
    public void Leaves_a_callback_registered() => ApplicationLifetime.Stopping.Token.Register(OnStopping);

    [Fact]
    public void Leaves_a_linked_source_undisposed()
    {
        var linked = CancellationTokenSource.CreateLinkedTokenSource(ApplicationLifetime.Stopping.Token);
        linked.Token.Register(static () => { });
    }

    private static void OnStopping()
    {
    }
}

/// <summary>The clean twins, run beside the leaky ones: the registration and the linked source disposed.</summary>
[NoLeaks(SettleTimeoutMilliseconds = 100)]
public sealed class CleanCancellationRegistrations
{
    [Fact]
    public void Disposes_its_registration()
    {
        using var registration = ApplicationLifetime.Stopping.Token.Register(static () => { });
    }

    [Fact]
    public void Disposes_its_linked_source()
    {
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(ApplicationLifetime.Stopping.Token);
        linked.Token.Register(static () => { });
    }
}

/// <summary>A class fixture with a generic host, shared by the tests of a class: its application lifetime outlives each test.</summary>
public sealed class HostFixture : System.IDisposable
{
    public Microsoft.Extensions.Hosting.IHost Host { get; } = new Microsoft.Extensions.Hosting.HostBuilder().Build();

    public Microsoft.Extensions.Hosting.IHostApplicationLifetime Lifetime
        => Microsoft.Extensions.DependencyInjection.ServiceProviderServiceExtensions.GetRequiredService<Microsoft.Extensions.Hosting.IHostApplicationLifetime>(Host.Services);

    public void Dispose() => Host.Dispose();
}

/// <summary>A test that leaves a callback on its fixture host's ApplicationStopping, beside its clean twin.</summary>
[NoLeaks(SettleTimeoutMilliseconds = 100)]
public sealed class FixtureHostRegistrations(HostFixture fixture) : IClassFixture<HostFixture>
{
    [Fact]
    public void Leaves_a_callback_on_the_host_lifetime() => fixture.Lifetime.ApplicationStopping.Register(OnStopping);

    [Fact]
    public void Disposes_its_callback_on_the_host_lifetime()
    {
        using var registration = fixture.Lifetime.ApplicationStopping.Register(OnStopping);
    }

    private static void OnStopping()
    {
    }
}
