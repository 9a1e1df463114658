using System;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Xunit;

namespace LeakCheck.Xunit.Scenarios;

/// <summary>The generic host of Microsoft.Extensions.Hosting, as application tests use it (a real library, not a replica).</summary>
[NoLeaks]
public sealed class HostScenarios
{
    private static IHost? s_running;

    [Fact]
    public async Task Stops_and_disposes_its_host()
    {
        // The default builder watches appsettings.json (reloadOnChange); disposing the host leaves that
        // FileSystemWatcher as garbage, whose finalizer stops the ".NET File Watcher" thread.
        using var host = Build();
        await host.StartAsync();
        await host.StopAsync();
    }

    [Fact]
    public async Task Leaves_its_host_running()
    {
        s_running = Build();
        await s_running.StartAsync();
    }

    /// <summary>Stops what the leaky scenario left running (the runner's own test calls it).</summary>
    public static async Task StopLeftoversAsync()
    {
        if (Interlocked.Exchange(ref s_running, null) is { } host)
        {
            await host.StopAsync();
            host.Dispose();
        }
    }

    private static IHost Build()
        => Host.CreateDefaultBuilder()
            .ConfigureLogging(logging => logging.ClearProviders())
            .ConfigureServices(services => services.AddHostedService<PollingWorker>())
            .Build();

    private sealed class PollingWorker : BackgroundService
    {
        protected override async Task ExecuteAsync(CancellationToken stoppingToken)
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                await Task.Delay(TimeSpan.FromMilliseconds(50), stoppingToken);
            }
        }
    }
}
