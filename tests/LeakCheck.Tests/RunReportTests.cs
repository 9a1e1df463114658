using System;
using System.IO;
using System.Linq;
using System.Text.Json;
using System.Text.RegularExpressions;
using FluentAssertions;
using LeakCheck.Run;
using Xunit;
using LeakCheck.Configuration;

namespace LeakCheck.Tests;

/// <summary>Tests that start their own LeakCheck run: they must not share the process's run with other tests.</summary>
[CollectionDefinition(nameof(RunLedgerCollection), DisableParallelization = true)]
public sealed class RunLedgerCollection
{
}

[Collection(nameof(RunLedgerCollection))]
public sealed class RunReportTests : IDisposable
{
    private const string Header =
        "# LeakCheck baseline: known leaks that do not fail tests (see README \"Baseline: gradual adoption\").\n" +
        "# One leak per line: <fingerprint> <kind> <description>. Delete a line when its leak is fixed;\n" +
        "# re-record with LEAKCHECK_BASELINE=record dotnet test.\n";

    private readonly string _directory = Directory.CreateTempSubdirectory("leakcheck-run-").FullName;
    private readonly StringWriter _output = new();
    private readonly Leaks _leaks = new();

    private string BaselinePath => Path.Combine(_directory, "leakcheck.baseline");

    private string ResultsDirectory => Path.Combine(_directory, "TestResults");

    public void Dispose()
    {
        Environment.SetEnvironmentVariable("LEAKCHECK_IGNORE", null);
        LeakRun.Complete();
        _leaks.Dispose();
        Directory.Delete(_directory, recursive: true);
    }

    [Fact]
    public void Baseline_round_trip_accepts_recorded_leaks_fails_new_ones_and_lists_the_ones_that_are_gone()
    {
        // Record: both leaks are written to the baseline; the tests only warn.
        Start(BaselineMode.Record);
        var cacheLeak = Scope("Sample.Tests.A", _leaks.Cache);
        var timerLeak = Scope("Sample.Tests.B", _leaks.Timer);
        cacheLeak.Notices.Should().Contain($"LEAKCHECK_BASELINE=record: these leaks are recorded into {BaselinePath} at the end of the run and do not fail the test.");
        var cache = cacheLeak.Items.Single().Fingerprint;
        var timer = timerLeak.Items.Single().Fingerprint;

        Summary(LeakRun.Complete()).Should().Be(
            $"""
            LeakCheck run Sample.Tests: 2 checks, 2 with leaks.
            JSON report: {ResultsDirectory}/leakcheck-Sample.Tests-RUN.json
            Baseline recorded: 2 known leaks written to {BaselinePath}.
            """);
        File.ReadAllText(BaselinePath).Should().Be(Header + string.Concat(new[]
        {
            $"{cache} TrackedObject \"cache entry\" (LeakCheck.Tests.CacheEntry) (in Sample.Tests.A)\n",
            $"{timer} Timer System.Threading.Timer (in Sample.Tests.B)\n",
        }.OrderBy(line => line, StringComparer.Ordinal)));

        // Use: the cache leak is accepted, the timer leak is gone, a new leak fails.
        Start(BaselineMode.Use);
        var accepted = Scope("Sample.Tests.A", _leaks.Cache);
        var fixedTest = Scope("Sample.Tests.B", () => { });
        var fresh = Scope("Sample.Tests.C", _leaks.Poller);

        accepted.HasLeaks.Should().BeFalse();
        accepted.BaselinedCount.Should().Be(1);
        Regex.Replace(accepted.Message, @"\d+ ms; forced GCs: \d gen1, \d full", "N").Should().Be(
            "LeakCheck: nothing created by Sample.Tests.A is alive after the test (settled in N). 1 known leak accepted by the baseline.");
        fixedTest.HasLeaks.Should().BeFalse();
        fresh.Items.Should().ContainSingle().Which.Kind.Should().Be(LeakKind.AsyncMethod);
        Summary(LeakRun.Complete()).Should().Be(
            $"""
            LeakCheck run Sample.Tests: 3 checks, 1 with leaks.
            JSON report: {ResultsDirectory}/leakcheck-Sample.Tests-RUN.json
            Baseline {BaselinePath}: 1 of 2 known leaks still occurred; 1 did not (fixed, or their tests did not run): delete their lines:
            - {timer} Timer System.Threading.Timer (in Sample.Tests.B)
            """);
    }

    [Fact]
    public void Malformed_baseline_fails_every_check_with_the_file_and_each_bad_line()
    {
        File.WriteAllText(BaselinePath, "# known leaks\n3f9c2a1e Timer fine\nzzz Timer x\n0badf00d Timr x\n\n12345678\n");
        Start(BaselineMode.Use);

        FluentActions.Invoking(() => LeakScope.Begin("Sample.Tests.A")).Should().Throw<LeakCheckConfigurationException>().Which.Message.Should().Be(
            $"""
            LeakCheck configuration is invalid (baseline file {BaselinePath}):
            - line 3: "zzz" is not a fingerprint (eight hexadecimal digits).
            - line 4: unknown leak kind "Timr"; known kinds: TrackedObject, Task, AsyncMethod, AbandonedAsyncMethod, ChannelReader, ChannelWriter, Timer, Thread, RegisteredWait, WorkItem, CancellationRegistration, ChildProcess.
            - line 6: the kind is missing after the fingerprint; known kinds: TrackedObject, Task, AsyncMethod, AbandonedAsyncMethod, ChannelReader, ChannelWriter, Timer, Thread, RegisteredWait, WorkItem, CancellationRegistration, ChildProcess.
            """);
    }

    [Fact]
    public void A_failing_baseline_write_leaves_the_previous_baseline_unchanged()
    {
        const string previous = "# previous\n3f9c2a1e Timer kept\n";
        File.WriteAllText(BaselinePath, previous);
        Directory.CreateDirectory(BaselinePath + ".writing");
        Start(BaselineMode.Record);
        Scope("Sample.Tests.A", _leaks.Cache);

        var summary = Summary(LeakRun.Complete());

        Regex.Replace(summary, @"failed \(.*\)", "failed (ERROR)").Should().Be(
            $"""
            LeakCheck run Sample.Tests: 1 check, 1 with leaks.
            JSON report: {ResultsDirectory}/leakcheck-Sample.Tests-RUN.json
            Baseline NOT recorded: writing {BaselinePath} failed (ERROR); the previous file is unchanged.
            """);
        File.ReadAllText(BaselinePath).Should().Be(previous);
    }

    [Fact]
    public void Rules_that_never_matched_are_listed_once_at_the_end_of_the_run_with_where_they_were_declared()
    {
        Start(BaselineMode.Off);
        LeakIgnores.Register(LeakIgnoreRule.ForCreator("Vendor.Gone.*"), LeakIgnoreRule.ForKind(LeakKind.Timer));
        var options = new LeakCheckOptions { Ignore = [LeakIgnoreRule.ForType("Vendor.Never.*"), LeakIgnoreRule.ForType("LeakCheck.Tests.CacheEntry")], RetentionPaths = false };
        Scope("Sample.Tests.A", _leaks.Timer, options);
        Scope("Sample.Tests.B", _leaks.Cache, options);
        Scope("Sample.Tests.C", () => { }, options);

        Summary(LeakRun.Complete()).Should().Be(
            """
            LeakCheck run Sample.Tests: 3 checks, 0 with leaks.
            JSON report: RESULTS/leakcheck-Sample.Tests-RUN.json
            2 ignore rules matched nothing in this run; remove them if the leak is gone:
            - type:Vendor.Never.* (LeakCheckOptions.Ignore)
            - createdBy:Vendor.Gone.* (LeakIgnores.Register)
            """.Replace("RESULTS", ResultsDirectory, StringComparison.Ordinal));
    }

    [Fact]
    public void A_frame_that_created_leaks_in_several_tests_is_named_once_with_the_createdBy_rule_that_accepts_them()
    {
        // Each test's leak has its own fingerprint (the test frame is part of it), but one frame created them all.
        Start(BaselineMode.Off);
        var first = Scope("Sample.Tests.A", _leaks.Timer);
        var second = Scope("Sample.Tests.B", () => { _leaks.Timer(); _leaks.Cache(); });
        Scope("Sample.Tests.C", _leaks.Cache);
        first.Items.Single().Fingerprint.Should().NotBe(second.Items.First().Fingerprint);


        Summary(LeakRun.Complete()).Should().Be(
            """
            LeakCheck run Sample.Tests: 3 checks, 3 with leaks.
            Leaks of several tests created by one frame (each test has its own fingerprint; if it is work you accept, one createdBy rule covers them all, see README "Ignoring known leaks"):
            - LeakCheck.Tests.Leaks.Cache: 2 leaks (TrackedObject) in 2 tests; rule: createdBy:LeakCheck.Tests.Leaks.Cache
            - LeakCheck.Tests.Leaks.Timer: 2 leaks (Timer) in 2 tests; rule: createdBy:LeakCheck.Tests.Leaks.Timer
            JSON report: RESULTS/leakcheck-Sample.Tests-RUN.json
            """.Replace("RESULTS", ResultsDirectory, StringComparison.Ordinal));

        // The rule it names accepts the leaks of both tests.
        var options = new LeakCheckOptions { Ignore = [LeakIgnoreRule.ForCreator("LeakCheck.Tests.Leaks.Timer")], RetentionPaths = false, SettleTimeout = TimeSpan.FromMilliseconds(50) };
        Scope("Sample.Tests.A", _leaks.Timer, options).HasLeaks.Should().BeFalse();
        Scope("Sample.Tests.B", _leaks.Timer, options).HasLeaks.Should().BeFalse();
    }

    [Fact]
    public void Json_report_matches_the_documented_schema_and_describes_each_leak()
    {
        File.WriteAllText(BaselinePath, "0badf00d Timer System.Threading.Timer (in Sample.Tests.Old)\n");
        Start(BaselineMode.Use);
        var options = new LeakCheckOptions { Ignore = [LeakIgnoreRule.ForType("Vendor.Never.*")], RetentionPaths = false, SettleTimeout = TimeSpan.FromMilliseconds(50) };
        var poller = Scope("Sample.Tests.Poller", _leaks.Poller, options);
        Scope("Sample.Tests.Clean", () => { }, options);
        var cache = Scope("Sample.Tests.Cache", _leaks.Cache, options);

        var path = LeakRun.Complete()!.JsonPath!;

        using var schema = JsonDocument.Parse(File.ReadAllText(SchemaPath()));
        using var report = JsonDocument.Parse(File.ReadAllText(path));
        JsonSchemaCheck.Violations(schema.RootElement, report.RootElement).Should().BeEmpty();
        var root = report.RootElement;
        root.GetProperty("run").GetProperty("checkedScopes").GetInt64().Should().Be(3);
        root.GetProperty("tests").EnumerateArray().Select(t => t.GetProperty("test").GetString()).Should().Equal("Sample.Tests.Poller", "Sample.Tests.Cache");
        var pollerTest = root.GetProperty("tests")[0];
        pollerTest.GetProperty("outcome").GetString().Should().Be("failed");
        pollerTest.GetProperty("message").GetString().Should().Be(poller.Message);
        var leak = pollerTest.GetProperty("leaks")[0];
        leak.GetProperty("kind").GetString().Should().Be("AsyncMethod");
        leak.GetProperty("type").GetString().Should().Be("LeakCheck.Tests.BackgroundPoller.PollAsync(Task)");
        leak.GetProperty("owner").GetString().Should().Be("Sample.Tests.Poller");
        leak.GetProperty("fingerprint").GetString().Should().Be(poller.Items[0].Fingerprint);
        leak.GetProperty("waitingAt").GetString().Should().Be("waiting at await #1: a task nobody completed (TaskCompletionSource)");
        leak.GetProperty("createdAt").EnumerateArray().Select(f => f.GetProperty("method").GetString()).Should().StartWith(
            ["LeakCheck.Tests.BackgroundPoller.PollAsync(Task)", "LeakCheck.Tests.BackgroundPoller.Start()", "LeakCheck.Tests.Leaks.Poller()"]);
        leak.GetProperty("createdAt")[0].GetProperty("file").GetString().Should().Be("IgnoreRuleTests.cs");
        root.GetProperty("tests")[1].GetProperty("leaks")[0].GetProperty("name").GetString().Should().Be("cache entry");
        cache.Items[0].Name.Should().Be("cache entry");
        root.GetProperty("unusedIgnoreRules")[0].GetProperty("rule").GetString().Should().Be("type:Vendor.Never.*");
        root.GetProperty("baseline").GetProperty("gone")[0].GetProperty("fingerprint").GetString().Should().Be("0badf00d");
        root.GetProperty("baseline").GetProperty("stillLeaking").GetInt32().Should().Be(0);
    }

    [Fact]
    public void Static_cancellation_sources_the_runtime_could_not_read_are_named_at_the_end_of_the_run()
    {
        var summary = new RunSummary(new RunSettings("Sample.Tests", "results", false, BaselineMode.Off, "leakcheck.baseline"), 3, 0, [], [], 0, 0, [], 0, null, null, null, null, false)
        {
            UnreadTokenFields = ["MyApp.Lifetime.s_stopping", "MyApp.Shutdown.Source"],
        };

        Run.RunSummaryText.Format(summary).Should().Be(
            "LeakCheck run Sample.Tests: 3 checks, 0 with leaks.\n"
            + "Cancellation registrations on static sources NOT checked (2 fields; this runtime cannot tell whether their type's static initializer ran, .NET 9 and later can; see README \"How ownership is recorded\"): MyApp.Lifetime.s_stopping, MyApp.Shutdown.Source");
    }

    [Fact]
    public void A_results_folder_that_cannot_be_written_is_reported_at_the_end_and_never_fails_a_check()
    {
        File.WriteAllText(ResultsDirectory, "a file where the folder should be");
        Start(BaselineMode.Off);

        var report = Scope("Sample.Tests.A", _leaks.Cache);

        report.Items.Should().ContainSingle();
        Regex.Replace(Summary(LeakRun.Complete()), "NOT written: .*", "NOT written: ERROR").Should().Be(
            "LeakCheck run Sample.Tests: 1 check, 1 with leaks.\nJSON report NOT written: ERROR");
    }

    [Fact]
    public void LEAKCHECK_IGNORE_adds_rules_for_every_scope_and_its_unused_rules_are_listed()
    {
        Environment.SetEnvironmentVariable("LEAKCHECK_IGNORE", " kind:Timer ; createdBy:Vendor.Gone.* ");
        Start(BaselineMode.Off);

        var report = Scope("Sample.Tests.A", _leaks.Timer);

        (report.HasLeaks, report.IgnoredCount).Should().Be((false, 1));
        Summary(LeakRun.Complete()).Split('\n').Skip(2).Should().Equal(
            "1 ignore rule matched nothing in this run; remove it if the leak is gone:",
            "- createdBy:Vendor.Gone.* (LEAKCHECK_IGNORE)");
    }

    [Fact]
    public void Invalid_LEAKCHECK_IGNORE_fails_every_check_with_each_problem()
    {
        Environment.SetEnvironmentVariable("LEAKCHECK_IGNORE", "kind:Timr;type:;createdBy:Vendor.*");
        Start(BaselineMode.Off);

        FluentActions.Invoking(() => LeakScope.Begin("Sample.Tests.A")).Should().Throw<LeakCheckConfigurationException>().Which.Message.Should().Be(
            """
            LeakCheck configuration is invalid (environment variable LEAKCHECK_IGNORE):
            - "kind:Timr": unknown leak kind "Timr"; known kinds: TrackedObject, Task, AsyncMethod, AbandonedAsyncMethod, ChannelReader, ChannelWriter, Timer, Thread, RegisteredWait, WorkItem, CancellationRegistration, ChildProcess.
            - "type:": the type pattern is empty.
            """);
    }

    [Fact]
    public void The_JSON_report_of_a_completed_run_is_listed_for_the_host()
    {
        var before = LeakRun.JsonReports().Count;
        Start(BaselineMode.Record);
        Scope("Sample.Tests.A", _leaks.Cache);

        var summary = LeakRun.Complete();

        summary!.JsonPath.Should().StartWith(ResultsDirectory + Path.DirectorySeparatorChar);
        LeakRun.JsonReports().Skip(before).Should().Equal(summary.JsonPath);
        LeakRun.Complete().Should().BeNull();
        LeakRun.JsonReports().Skip(before).Should().Equal(summary.JsonPath);
    }

    [Fact]
    public void The_hosts_results_directory_is_the_default_and_LEAKCHECK_RESULTS_DIR_wins_over_it()
    {
        var host = Path.Combine(_directory, "host-results");
        var mine = Path.Combine(_directory, "mine");
        var original = Environment.GetEnvironmentVariable("LEAKCHECK_RESULTS_DIR");
        try
        {
            Environment.SetEnvironmentVariable("LEAKCHECK_RESULTS_DIR", null);
            RunSettings.FromEnvironment(host).ResultsDirectory.Should().Be(host);
            RunSettings.FromEnvironment().ResultsDirectory.Should().EndWith(Path.DirectorySeparatorChar + "TestResults");

            Environment.SetEnvironmentVariable("LEAKCHECK_RESULTS_DIR", mine);
            RunSettings.FromEnvironment(host).ResultsDirectory.Should().Be(mine);
        }
        finally
        {
            Environment.SetEnvironmentVariable("LEAKCHECK_RESULTS_DIR", original);
        }
    }

    [Fact]
    public void Nothing_is_written_or_printed_for_a_run_without_checks()
    {
        Start(BaselineMode.Use);

        LeakRun.Complete()!.JsonPath.Should().BeNull();
        _output.ToString().Should().BeEmpty();
        Directory.Exists(ResultsDirectory).Should().BeFalse();
    }

    private static string SchemaPath()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (!File.Exists(Path.Combine(directory!.FullName, "LeakCheck.sln")))
        {
            directory = directory.Parent;
        }

        return Path.Combine(directory.FullName, "src", "LeakCheck", "Run", "leakcheck-report.schema.json");
    }

    private static string Summary(RunSummary? summary)
    {
        summary.Should().NotBeNull();
        // The scenario vendor library's invalid attribute is listed in every run once that library is loaded
        // (IgnoreRuleTests checks that line); whether it is loaded here depends on test order.
        // Likewise on .NET 8, the static source CancellationRegistrationProbeTests declares with a static initializer on
        // purpose is named as one the run could not check once that test has run.
        var lines = Run.RunSummaryText.Format(summary!).Split('\n')
            .Where(line => !line.StartsWith("[assembly: LeakIgnore] in LeakCheck.Scenarios.Vendor", StringComparison.Ordinal)
                && !line.StartsWith(Run.RunSummaryText.UnreadTokenFieldsLine, StringComparison.Ordinal));
        return Regex.Replace(string.Join("\n", lines), @"leakcheck-Sample\.Tests-\d{8}T\d{6}-\d+(-\d+)?\.json", "leakcheck-Sample.Tests-RUN.json");
    }

    private void Start(BaselineMode mode)
        => LeakRun.StartForTests(new RunSettings("Sample.Tests", ResultsDirectory, true, mode, BaselinePath), _output);

    private static LeakReport Scope(string name, Action leak, LeakCheckOptions? options = null)
    {
        var scope = LeakScope.Begin(name, options ?? new LeakCheckOptions { RetentionPaths = false, SettleTimeout = TimeSpan.FromMilliseconds(50) });
        leak();
        return scope.End();
    }
}
