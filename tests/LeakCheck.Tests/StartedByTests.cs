using System;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using FluentAssertions;
using Xunit;

namespace LeakCheck.Tests;

/// <summary>Work created inside an owned Task.Run delegate shows the frames that started the Task.Run after its own.</summary>
public class StartedByTests
{
    private static readonly LeakCheckOptions s_short = new() { SettleTimeout = TimeSpan.FromMilliseconds(100), RetentionPaths = false };

    [Fact]
    public async Task Async_method_started_by_Task_Run_shows_the_test_frame_that_ran_it()
    {
        using var stop = new CancellationTokenSource();
        var poller = new Poller(stop.Token);
        var scope = LeakScope.Begin("started by Task.Run", s_short);
        await StartPollingAsync(poller);

        var report = await scope.EndAsync();
        await stop.CancelAsync();

        var item = report.Items.Should().ContainSingle().Which;
        item.TypeName.Should().Be("LeakCheck.Tests.StartedByTests.Poller.LoopAsync()");
        item.CreatedAt.Select(f => (f.Method, f.File)).Should().Equal(
            ("LeakCheck.Tests.StartedByTests.Poller.LoopAsync()", "StartedByTests.cs"),
            ("LeakCheck.Tests.StartedByTests.StartPollingAsync() (lambda)", "StartedByTests.cs"),
            ("LeakCheck.Tests.StartedByTests.StartPollingAsync(Poller)", "StartedByTests.cs"),
            ("LeakCheck.Tests.StartedByTests.Async_method_started_by_Task_Run_shows_the_test_frame_that_ran_it()", "StartedByTests.cs"));
    }

    [Fact]
    public async Task Timer_armed_inside_Task_Run_shows_the_test_frame_that_ran_it()
    {
        Timer? timer = null;
        var scope = LeakScope.Begin("timer in Task.Run", s_short);
        await Task.Run(() => timer = new Timer(static _ => { }, null, TimeSpan.FromMinutes(5), Timeout.InfiniteTimeSpan));

        var report = await scope.EndAsync();
        await timer!.DisposeAsync();

        report.Items.Should().ContainSingle().Which.CreatedAt.Select(f => f.Method).Should().Equal(
            "LeakCheck.Tests.StartedByTests.Timer_armed_inside_Task_Run_shows_the_test_frame_that_ran_it() (lambda)",
            "LeakCheck.Tests.StartedByTests.Timer_armed_inside_Task_Run_shows_the_test_frame_that_ran_it()");
    }

    [Fact]
    public async Task Creator_rules_match_the_frames_that_started_the_Task_Run()
    {
        using var stop = new CancellationTokenSource();
        var poller = new Poller(stop.Token);
        var options = new LeakCheckOptions
        {
            SettleTimeout = TimeSpan.FromMilliseconds(100),
            RetentionPaths = false,
            Ignore = [LeakIgnoreRule.ForCreator("LeakCheck.Tests.StartedByTests.StartPollingAsync")],
        };
        var scope = LeakScope.Begin("ignored by the starter", options);
        await StartPollingAsync(poller);

        var report = await scope.EndAsync();
        await stop.CancelAsync();

        (report.HasLeaks, report.IgnoredCount).Should().Be((false, 1));
    }

    // The Task.Run returns once the loop has suspended at its first await: the loop is then the only pending item.
    private static Task StartPollingAsync(Poller poller) => Task.Run(() => { _ = poller.LoopAsync(); });

    private sealed class Poller(CancellationToken stop)
    {
        public async Task LoopAsync()
        {
            while (!stop.IsCancellationRequested)
            {
                await Task.Delay(TimeSpan.FromMinutes(1), CancellationToken.None);
            }
        }
    }
}
