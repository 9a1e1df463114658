using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.RegularExpressions;
using System.Threading;
using System.Threading.Tasks;
using FluentAssertions;
using LeakCheck.Ignoring;
using Xunit;

namespace LeakCheck.Tests;

public class IgnoreRuleTests
{
    [Theory]
    [InlineData("kind:Timer", "kind:Timer")]
    [InlineData("kind:asyncmethod", "kind:AsyncMethod")]
    [InlineData(" type : Vendor.Sdk.* ", "type:Vendor.Sdk.*")]
    [InlineData("createdBy:MyApp.Poller.Start", "createdBy:MyApp.Poller.Start")]
    [InlineData("CREATEDBY:MyApp.*", "createdBy:MyApp.*")]
    [InlineData("fingerprint:3F9C2A1E", "fingerprint:3f9c2a1e")]
    public void Rules_read_from_text_print_in_canonical_form(string text, string canonical)
        => LeakIgnoreRule.Parse(text).Text.Should().Be(canonical);

    [Theory]
    [InlineData("kind:Timr", "\"kind:Timr\": unknown leak kind \"Timr\"; known kinds: TrackedObject, Task, AsyncMethod, AbandonedAsyncMethod, ChannelReader, ChannelWriter, Timer, Thread, RegisteredWait, WorkItem, CancellationRegistration, ChildProcess.")]
    [InlineData("kind:6", "\"kind:6\": unknown leak kind \"6\"; known kinds: TrackedObject, Task, AsyncMethod, AbandonedAsyncMethod, ChannelReader, ChannelWriter, Timer, Thread, RegisteredWait, WorkItem, CancellationRegistration, ChildProcess.")]
    [InlineData("type:", "\"type:\": the type pattern is empty.")]
    [InlineData("createdBy:   ", "\"createdBy:   \": the creator pattern is empty.")]
    [InlineData("type:My App.*", "\"type:My App.*\": the type pattern \"My App.*\" contains white space.")]
    [InlineData("createdBy:**", "\"createdBy:**\": the creator pattern \"**\" matches everything; to stop checking use Mode = Off or [NoLeaks(Enabled = false)].")]
    [InlineData("fingerprint:xyz", "\"fingerprint:xyz\": \"xyz\" is not a fingerprint (eight hexadecimal digits, as printed in a report).")]
    [InlineData("Vendor.Sdk.*", "\"Vendor.Sdk.*\" is not an ignore rule: write kind:<Kind>, type:<pattern>, createdBy:<pattern> or fingerprint:<fingerprint>.")]
    [InlineData("colour:red", "\"colour:red\": unknown rule \"colour\"; write kind:, type:, createdBy: or fingerprint:.")]
    public void Invalid_rule_text_says_what_is_wrong(string text, string message)
        => FluentActions.Invoking(() => LeakIgnoreRule.Parse(text)).Should().Throw<FormatException>().Which.Message.Should().Be(message);

    [Fact]
    public void Factories_reject_empty_patterns_and_undefined_kinds()
    {
        FluentActions.Invoking(() => LeakIgnoreRule.ForType(" ")).Should().Throw<ArgumentException>().WithMessage("the type pattern is empty.*");
        FluentActions.Invoking(() => LeakIgnoreRule.ForCreator("")).Should().Throw<ArgumentException>().WithMessage("the creator pattern is empty.*");
        FluentActions.Invoking(() => LeakIgnoreRule.ForFingerprint("123")).Should().Throw<ArgumentException>();
        FluentActions.Invoking(() => LeakIgnoreRule.ForKind((LeakKind)42)).Should().Throw<ArgumentException>().WithMessage("unknown leak kind \"42\"*");
    }

    [Theory]
    [InlineData("MyApp.Cache", "MyApp.Cache", true)]
    [InlineData("MyApp.Cache", "MyApp.CacheEntry", false)]
    [InlineData("MyApp.Cache*", "MyApp.CacheEntry", true)]
    [InlineData("MyApp.*", "MyApp.Sub.Deep.Type", true)]
    [InlineData("*.Poller", "Vendor.Sdk.Poller", true)]
    [InlineData("*.Poller", "Vendor.Sdk.PollerHost", false)]
    [InlineData("Vendor.*.Poller*", "Vendor.Sdk.Poller.Start", true)]
    [InlineData("A*B*C", "AxxBxxC", true)]
    [InlineData("A*B*C", "AxxCxxB", false)]
    [InlineData("AB*BA", "ABA", false)]
    [InlineData("myapp.*", "MyApp.Cache", false)]
    public void Patterns_match_with_star_for_any_characters_and_exactly_otherwise(string pattern, string name, bool matches)
        => new Glob(pattern).IsMatch(name).Should().Be(matches);

    [Fact]
    public async Task Creator_names_cover_every_frame_as_written_including_state_machines_and_lambdas()
    {
        var names = await Capture.FromLambdaInAsyncMethod();

        names.Should().ContainInOrder(
            "LeakCheck.Tests.Capture.Inner", "LeakCheck.Tests.Capture",
            "LeakCheck.Tests.Capture.FromLambdaInAsyncMethod", "LeakCheck.Tests.Capture");
        names.Should().NotContain(n => n.Contains('<') || n.Contains('`') || n.Contains('+'));
    }

    [Fact]
    public void Each_rule_kind_accepts_the_leak_it_matches_and_the_report_counts_it()
    {
        using var leaks = new Leaks();
        LeakReport Run(LeakIgnoreRule rule, Action leak)
        {
            var scope = LeakScope.Begin("rules", new LeakCheckOptions { SettleTimeout = TimeSpan.FromMilliseconds(50), Ignore = [rule], RetentionPaths = false });
            leak();
            return scope.End();
        }

        Run(LeakIgnoreRule.ForKind(LeakKind.Timer), leaks.Timer).Should().Match<LeakReport>(r => !r.HasLeaks && r.IgnoredCount == 1);
        Run(LeakIgnoreRule.ForType("LeakCheck.Tests.Cache*"), leaks.Cache).Should().Match<LeakReport>(r => !r.HasLeaks && r.IgnoredCount == 1);
        Run(LeakIgnoreRule.ForType("LeakCheck.Tests.BackgroundPoller.PollAsync"), leaks.Poller).Should().Match<LeakReport>(r => !r.HasLeaks && r.IgnoredCount == 1);
        Run(LeakIgnoreRule.ForCreator("LeakCheck.Tests.BackgroundPoller.Start"), leaks.Poller).Should().Match<LeakReport>(r => !r.HasLeaks && r.IgnoredCount == 1);
        Run(LeakIgnoreRule.ForCreator("LeakCheck.Tests.BackgroundPoller"), leaks.Poller).Should().Match<LeakReport>(r => !r.HasLeaks && r.IgnoredCount == 1);
        Run(LeakIgnoreRule.ForCreator("LeakCheck.Tests.Background*"), leaks.Poller).Should().Match<LeakReport>(r => !r.HasLeaks && r.IgnoredCount == 1);

        var leaked = Run(LeakIgnoreRule.ForType("Vendor.*"), leaks.Cache);
        leaked.Items.Should().ContainSingle();
        Run(LeakIgnoreRule.ForFingerprint(leaked.Items[0].Fingerprint), leaks.Cache).Should().Match<LeakReport>(r => !r.HasLeaks && r.IgnoredCount == 1);
    }

    [Fact]
    public void Ignored_items_do_not_make_settling_collect_or_wait()
    {
        using var leaks = new Leaks();
        var scope = LeakScope.Begin("only ignored leaks", new LeakCheckOptions
        {
            SettleTimeout = TimeSpan.FromMinutes(5),
            Ignore = [LeakIgnoreRule.ForKind(LeakKind.Timer), LeakIgnoreRule.ForCreator("LeakCheck.Tests.BackgroundPoller"), LeakIgnoreRule.ForType("LeakCheck.Tests.CacheEntry")],
            RetentionPaths = false,
        });
        leaks.Timer();
        leaks.Poller();
        leaks.Cache();

        var report = scope.End();

        report.HasLeaks.Should().BeFalse();
        report.IgnoredCount.Should().Be(3);
        (report.Gen1Collections, report.FullCollections).Should().Be((0, 0));
        report.SettleTime.Should().BeLessThan(TimeSpan.FromMinutes(5), "settling did not wait for the five-minute budget");
    }

    [Fact]
    public void A_rule_that_matches_one_of_two_leaks_leaves_the_other_reported_and_says_so_in_the_header()
    {
        using var leaks = new Leaks();
        var scope = LeakScope.Begin("half ignored", new LeakCheckOptions { Ignore = [LeakIgnoreRule.ForKind(LeakKind.Timer)], RetentionPaths = false });
        leaks.Timer();
        leaks.Cache();

        var report = scope.End();

        report.Items.Select(i => i.Kind).Should().Equal(LeakKind.TrackedObject);
        Regex.Replace(report.Message.Split('\n')[0], @"settled in \d+ ms", "settled in N ms").Should().Be(
            "LeakCheck: 1 item created by half ignored is still alive after the test (settled in N ms; forced GCs: 1 gen1, 2 full). 1 known leak ignored by rules.");
    }

    [Fact]
    public void A_library_declares_ignores_with_its_own_copy_of_the_attribute_and_only_its_work_is_accepted()
    {
        using var leaks = new Leaks();
        var scope = LeakScope.Begin("vendor", new LeakCheckOptions { SettleTimeout = TimeSpan.FromMilliseconds(50), RetentionPaths = false });
        Vendor.Telemetry.Flusher.Start();
        Vendor.Telemetry.Sampler.Start();

        var report = scope.End();

        report.IgnoredCount.Should().Be(1);
        report.Items.Should().ContainSingle().Which.Details.Should().Contain("callback: Vendor.Telemetry.Sampler.Start(Object) (lambda)");
        IgnoreRegistry.InvalidLibraryRules().Should().Equal(
            "[assembly: LeakIgnore] in LeakCheck.Scenarios.Vendor is skipped: \"kind:Timr\": unknown leak kind \"Timr\"; known kinds: TrackedObject, Task, AsyncMethod, AbandonedAsyncMethod, ChannelReader, ChannelWriter, Timer, Thread, RegisteredWait, WorkItem, CancellationRegistration, ChildProcess.");
    }

    [Fact]
    public async Task Built_in_rule_accepts_the_connection_pool_timer_of_a_shared_HttpClient()
    {
        using var server = new OneLineHttpServer();
        using var client = new System.Net.Http.HttpClient(new System.Net.Http.SocketsHttpHandler());
        var scope = LeakScope.Begin("shared client", new LeakCheckOptions { SettleTimeout = TimeSpan.FromMilliseconds(50), RetentionPaths = false });

        (await client.GetStringAsync(server.Url)).Should().Be("ok");
        var report = await scope.EndAsync();

        report.HasLeaks.Should().BeFalse(report.Message);
        report.IgnoredCount.Should().Be(1);
    }
}

/// <summary>Leaks on demand, kept by statics and released when disposed.</summary>
internal sealed class Leaks : IDisposable
{
    private readonly List<IDisposable> _timers = new();
    private readonly List<object> _kept = new();
    private readonly List<TaskCompletionSource> _gates = new();

    public void Timer() => _timers.Add(new Timer(static _ => { }, null, TimeSpan.FromMinutes(5), TimeSpan.FromMinutes(5)));

    public void Cache()
    {
        var cache = new CacheEntry();
        LeakTracker.Track(cache, "cache entry");
        _kept.Add(cache);
    }

    public void Poller() => _gates.Add(BackgroundPoller.Start());

    public void Dispose()
    {
        _timers.ForEach(t => t.Dispose());
        _gates.ForEach(g => g.TrySetResult());
        _kept.Clear();
    }
}

internal sealed class CacheEntry
{
}

internal static class BackgroundPoller
{
    public static TaskCompletionSource Start()
    {
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        _ = PollAsync(gate.Task);
        return gate;
    }

    private static async Task PollAsync(Task gate) => await gate.ConfigureAwait(false);
}

internal static class Capture
{
    public static async Task<IReadOnlyList<string>> FromLambdaInAsyncMethod()
    {
        await Task.Yield();
        Func<IReadOnlyList<string>> inner = () => Inner();
        return inner();
    }

    private static List<string> Inner() => CreatorNames.Of(new System.Diagnostics.StackTrace());
}

/// <summary>An HTTP/1.1 server on the loopback that answers every request with "ok".</summary>
internal sealed class OneLineHttpServer : IDisposable
{
    private readonly System.Net.Sockets.TcpListener _listener = new(System.Net.IPAddress.Loopback, 0);
    private readonly CancellationTokenSource _stop = new();

    public OneLineHttpServer()
    {
        _listener.Start();
        using (ExecutionContext.SuppressFlow())
        {
            _ = Task.Run(ServeAsync);
        }
    }

    public Uri Url => new($"http://127.0.0.1:{((System.Net.IPEndPoint)_listener.LocalEndpoint).Port}/");

    public void Dispose()
    {
        _stop.Cancel();
        _listener.Stop();
        _stop.Dispose();
    }

    private async Task ServeAsync()
    {
        try
        {
            while (!_stop.IsCancellationRequested)
            {
                var client = await _listener.AcceptTcpClientAsync(_stop.Token).ConfigureAwait(false);
                _ = Task.Run(async () =>
                {
                    using (client)
                    {
                        var stream = client.GetStream();
                        var buffer = new byte[4096];
                        while (await stream.ReadAsync(buffer, _stop.Token).ConfigureAwait(false) > 0)
                        {
                            await stream.WriteAsync("HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok"u8.ToArray(), _stop.Token).ConfigureAwait(false);
                        }
                    }
                });
            }
        }
        catch (Exception ex) when (ex is OperationCanceledException or System.Net.Sockets.SocketException or ObjectDisposedException or System.IO.IOException)
        {
        }
    }
}
