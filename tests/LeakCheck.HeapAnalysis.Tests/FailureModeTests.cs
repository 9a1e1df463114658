using System;
using System.IO;
using System.Linq;
using System.Threading;
using FluentAssertions;
using LeakCheck.Retention;
using Xunit;

namespace LeakCheck.HeapAnalysis.Tests;

/// <summary>Every way heap analysis can fail: the verdict stays, the report says why, nothing hangs, no dump is left.</summary>
[Collection(nameof(HeapDumps))]
public sealed class FailureModeTests : IDisposable
{
    // A limit no loaded machine reaches: only the time-out test is about time (a 0.5 s limit here once made a failing
    // writer's notice read "took longer than its limit" on a loaded CI machine, before the writer even ran).
    private static readonly LeakCheckOptions s_options = new()
    {
        SettleTimeout = TimeSpan.FromMilliseconds(50),
        MaxRetentionAnalyses = 1000,
        RetentionTimeLimit = TimeSpan.FromSeconds(60),
    };

    private static readonly LeakCheckOptions s_shortLimit = new()
    {
        SettleTimeout = TimeSpan.FromMilliseconds(50),
        MaxRetentionAnalyses = 1000,
        RetentionTimeLimit = TimeSpan.FromMilliseconds(500),
    };

    public void Dispose()
    {
        RetentionStep.Override = null;
        Environment.SetEnvironmentVariable(RetentionStep.Variable, null);
    }

    [Theory]
    [InlineData("diagnostics are disabled in this process (DOTNET_EnableDiagnostics=0)")]
    [InlineData("the runtime's dump tool was not found (/usr/share/dotnet/shared/Microsoft.NETCore.App/10.0.12/createdump)")]
    [InlineData("heap dumps are not supported on SomeOS 1.0")]
    public void Unavailable_dump_is_reported_and_the_verdict_is_unchanged(string reason)
    {
        RetentionStep.Override = new HeapRetentionAnalyzer(new FailingWriter(() => throw new DumpUnavailableException(reason)));

        var report = Leak();

        report.HasLeaks.Should().BeTrue();
        report.Items.Single().AliveBecause.Should().BeEmpty();
        report.Notices.Should().Equal("Retention paths unavailable: " + reason);
    }

    [Fact]
    public void Full_disk_is_reported_and_the_partial_dump_is_deleted()
    {
        string? written = null;
        RetentionStep.Override = new HeapRetentionAnalyzer(new FailingWriter(path =>
        {
            written = path;
            File.WriteAllText(path, "partial");
            throw new IOException("No space left on device");
        }));

        var report = Leak();

        report.Notices.Should().Equal("Retention paths unavailable: IOException: No space left on device");
        File.Exists(written).Should().BeFalse();
        Directory.Exists(Path.GetDirectoryName(written)).Should().BeFalse();
    }

    [Fact]
    public void Dump_that_takes_too_long_is_abandoned_within_the_time_limit_and_deleted_afterwards()
    {
        using var release = new ManualResetEventSlim();
        string? written = null;
        RetentionStep.Override = new HeapRetentionAnalyzer(new FailingWriter(path =>
        {
            written = path;
            File.WriteAllText(path, "slow");
            release.Wait(TimeSpan.FromSeconds(30));
            throw new DumpUnavailableException("stopped");
        }));

        var report = Leak(s_shortLimit);
        release.Set();

        report.Notices.Should().Equal("Retention paths unavailable: the analysis took longer than its limit of 0.5 s");
        SpinWait.SpinUntil(() => !Directory.Exists(Path.GetDirectoryName(written)), TimeSpan.FromSeconds(10)).Should().BeTrue();
    }

    [Fact]
    public void Dump_folder_is_private_to_the_user_and_gone_after_a_successful_analysis()
    {
        string? folder = null;
        UnixFileMode? mode = null;
        RetentionStep.Override = new HeapRetentionAnalyzer(new FailingWriter(path =>
        {
            folder = Path.GetDirectoryName(path);
            mode = OperatingSystem.IsWindows() ? null : File.GetUnixFileMode(folder!);
            new CreatedumpWriter().Write(path, TimeSpan.FromSeconds(30));
        }));

        var report = Leak(new LeakCheckOptions { SettleTimeout = TimeSpan.FromMilliseconds(50), MaxRetentionAnalyses = 1000 });

        report.Items.Single().AliveBecause.Should().NotBeEmpty();
        mode.Should().Be(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        Directory.Exists(folder).Should().BeFalse();
    }

    [Fact]
    public void Cap_reached_says_the_leak_was_not_analysed()
    {
        RetentionStep.Override = new HeapRetentionAnalyzer(new FailingWriter(() => throw new InvalidOperationException("must not run")));

        var scope = LeakScope.Begin("capped", new LeakCheckOptions { SettleTimeout = TimeSpan.FromMilliseconds(50), MaxRetentionAnalyses = 0 });
        Holders.Items.Add(Tracked());
        var report = scope.End();

        report.Notices.Should().Equal("Retention paths not analysed: this run already analysed 0 failing tests (MaxRetentionAnalyses).");
    }

    [Fact]
    public void A_scope_whose_leaks_are_all_garbage_takes_no_dump_and_leaves_the_analysis_to_a_later_one()
    {
        // An abandoned async method is collected before the report: there is no path to show (Polly.Core spent all
        // five analyses on such methods, and the tests with live timers got none).
        RetentionStep.ResetCount();
        RetentionStep.Override = new HeapRetentionAnalyzer(new FailingWriter(() => throw new DumpUnavailableException("the analysis ran")));
        var options = new LeakCheckOptions { SettleTimeout = TimeSpan.FromMilliseconds(50), MaxRetentionAnalyses = 1 };

        var abandonedScope = LeakScope.Begin("abandoned only", options);
        StartWaitingOnAnOrphanTask();
        var abandoned = abandonedScope.End();
        var live = LeakWithoutReset(options);

        abandoned.Items.Should().ContainSingle().Which.Kind.Should().Be(LeakKind.AbandonedAsyncMethod);
        abandoned.Items.Single().AliveBecause.Should().BeEmpty();
        abandoned.Notices.Should().BeEmpty();
        live.Notices.Should().Equal("Retention paths unavailable: the analysis ran");
    }

    [Fact]
    public void A_spent_run_budget_says_the_leak_was_not_analysed()
    {
        RetentionStep.ResetCount();
        RetentionStep.Override = new HeapRetentionAnalyzer(new FailingWriter(() => throw new InvalidOperationException("must not run")));

        var report = LeakWithoutReset(new LeakCheckOptions { SettleTimeout = TimeSpan.FromMilliseconds(50), RetentionRunBudget = TimeSpan.Zero });

        report.Notices.Should().Equal("Retention paths not analysed: this run already spent 0.0 s on retention analyses, its budget (RetentionRunBudget, 0 s).");
    }

    [Fact]
    public void LEAKCHECK_RETENTION_off_switches_the_analysis_off()
    {
        Environment.SetEnvironmentVariable(RetentionStep.Variable, "off");
        RetentionStep.Override = new HeapRetentionAnalyzer(new FailingWriter(() => throw new InvalidOperationException("must not run")));

        var report = Leak();

        report.Notices.Should().BeEmpty();
        report.Items.Single().AliveBecause.Should().BeEmpty();
    }

    [Fact]
    public void Clean_scope_takes_no_dump()
    {
        RetentionStep.Override = new HeapRetentionAnalyzer(new FailingWriter(() => throw new InvalidOperationException("must not run")));

        var scope = LeakScope.Begin("clean", s_options);
        var report = scope.End();

        report.HasLeaks.Should().BeFalse();
        report.Notices.Should().BeEmpty();
    }

    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.NoInlining)]
    private static void StartWaitingOnAnOrphanTask() => _ = WaitForReplyAsync(new System.Threading.Tasks.TaskCompletionSource<int>().Task);

    private static async System.Threading.Tasks.Task<int> WaitForReplyAsync(System.Threading.Tasks.Task<int> reply) => await reply;

    private static LeakReport LeakWithoutReset(LeakCheckOptions options)
    {
        var scope = LeakScope.Begin("failure mode", options);
        Holders.Items.Add(Tracked());
        return scope.End();
    }

    private static LeakReport Leak(LeakCheckOptions? options = null)
    {
        RetentionStep.ResetCount();
        var scope = LeakScope.Begin("failure mode", options ?? s_options);
        Holders.Items.Add(Tracked());
        return scope.End();
    }

    private static Session Tracked()
    {
        var session = new Session();
        LeakTracker.Track(session, "session");
        return session;
    }

    private sealed class FailingWriter : IDumpWriter
    {
        private readonly Action<string> _write;

        public FailingWriter(Action write) => _write = _ => write();

        public FailingWriter(Action<string> write) => _write = write;

        public void Write(string path, TimeSpan timeLimit) => _write(path);
    }
}
