using System;
using System.Collections.Generic;
using System.Linq;
using System.Runtime.CompilerServices;
using System.Threading;
using System.Threading.Tasks;
using FluentAssertions;
using Xunit;

namespace LeakCheck.HeapAnalysis.Tests;

/// <summary>Real heap dumps of this test process; one class, so the dumps (each suspends the process) run one at a time.</summary>
[Collection(nameof(HeapDumps))]
public class RetentionPathTests
{
    private static readonly LeakCheckOptions s_options = new() { SettleTimeout = TimeSpan.FromMilliseconds(100), MaxRetentionAnalyses = 1000 };

    [Fact]
    public void Object_kept_by_a_static_field_names_the_field()
    {
        var report = Leak(() => Holders.Items.Add(Tracked("session")));

        report.Items.Single().AliveBecause.Should().Equal(
            "static LeakCheck.HeapAnalysis.Tests.Holders.Items (System.Collections.Generic.List<System.Object>)",
            "System.Collections.Generic.List<System.Object>._items (System.Object[])",
            "System.Object[] element (LeakCheck.HeapAnalysis.Tests.Session)");
    }

    [Fact]
    public void Subscriber_of_a_static_event_names_the_event_and_the_delegate_target()
    {
        var report = Leak(() =>
        {
            var subscriber = Tracked("subscriber");
            Holders.Changed += subscriber.OnChanged;
        });

        report.Items.Single().AliveBecause.Should().Equal(
            "static LeakCheck.HeapAnalysis.Tests.Holders.Changed (System.EventHandler)",
            "System.EventHandler._target (LeakCheck.HeapAnalysis.Tests.Session)");
    }

    [Fact]
    public void Closure_held_by_a_static_Lazy_shows_the_captured_variable()
    {
        var report = Leak(() => Holders.Lazy = new Lazy<Func<int>>(CaptureInClosure(Tracked("captured"))));

        var path = report.Items.Single().AliveBecause;
        path[0].Should().Be("static LeakCheck.HeapAnalysis.Tests.Holders.Lazy (System.Lazy<System.Func<System.Int32>>)");
        path[^1].Should().Be("LeakCheck.HeapAnalysis.Tests.RetentionPathTests closure.session (LeakCheck.HeapAnalysis.Tests.Session)");
    }

    [Fact]
    public void Entry_of_a_static_cache_dictionary_is_reached_through_its_entries()
    {
        var report = Leak(() => Holders.Cache["key"] = Tracked("cached"));

        var path = report.Items.Single().AliveBecause;
        path[0].Should().Be("static LeakCheck.HeapAnalysis.Tests.Holders.Cache (System.Collections.Generic.Dictionary<System.String, System.Object>)");
        path[^1].Should().EndWith("(LeakCheck.HeapAnalysis.Tests.Session)");
        path.Should().Contain(line => line.Contains("._entries", StringComparison.Ordinal));
    }

    [Fact]
    public void Armed_timer_kept_by_a_static_is_explained_from_that_static()
    {
        var report = Leak(() => Holders.Timer = new Timer(_ => { }, new Session(), TimeSpan.FromMinutes(5), Timeout.InfiniteTimeSpan));
        Holders.Timer?.Dispose();

        var item = report.Items.Single(i => i.Kind == LeakKind.Timer);
        item.AliveBecause[0].Should().Be("static LeakCheck.HeapAnalysis.Tests.Holders.Timer (System.Threading.Timer)");
        item.AliveBecause[^1].Should().EndWith("(System.Threading.TimerQueueTimer)");
    }

    [Fact]
    public void Suspended_async_method_is_explained_through_what_it_awaits()
    {
        var report = Leak(() => _ = AwaitForever(Holders.Pending.Task));

        var item = report.Items.Single(i => i.Kind == LeakKind.AsyncMethod);
        item.AliveBecause[0].Should().Be("static LeakCheck.HeapAnalysis.Tests.Holders.Pending (System.Threading.Tasks.TaskCompletionSource)");
        item.AliveBecause[^1].Should().EndWith("(async LeakCheck.HeapAnalysis.Tests.RetentionPathTests.AwaitForever())");
    }

    [Fact]
    public void Object_captured_by_a_suspended_async_method_is_explained_through_its_state_machine()
    {
        var report = Leak(() => _ = HoldWhileWaiting(Tracked("held by async"), Holders.Gate.Task));

        var item = report.Items.Single(i => i.Kind == LeakKind.TrackedObject);
        item.AliveBecause[0].Should().Be("static LeakCheck.HeapAnalysis.Tests.Holders.Gate (System.Threading.Tasks.TaskCompletionSource)");
        item.AliveBecause[^1].Should().Be("async LeakCheck.HeapAnalysis.Tests.RetentionPathTests.HoldWhileWaiting().StateMachine.session (LeakCheck.HeapAnalysis.Tests.Session)");
    }

    [Fact]
    public void Running_thread_is_explained_by_its_stack_from_the_wait_it_is_in_to_its_start_method()
    {
        using var started = new ManualResetEventSlim();
        using var stop = new ManualResetEventSlim();
        var worker = new Thread(() => BlockUntilStopped(started, stop)) { IsBackground = true, Name = "dumped worker" };
        var report = Leak(() =>
        {
            worker.Start();
            started.Wait();
        });
        stop.Set();
        worker.Join();

        var item = report.Items.Single(i => i.Kind == LeakKind.Thread);
        System.Text.RegularExpressions.Regex.Replace(string.Join("\n", item.AliveBecause), @":line \d+", ":line N").Should().Be(
            """
            its thread is still running; its stack, read from a heap dump (innermost first; the last frame is the method it started with):
              System.Threading.ManualResetEventSlim.Wait()
              LeakCheck.HeapAnalysis.Tests.RetentionPathTests.BlockUntilStopped(ManualResetEventSlim, ManualResetEventSlim) in RetentionPathTests.cs:line N
              LeakCheck.HeapAnalysis.Tests.RetentionPathTests.Running_thread_is_explained_by_its_stack_from_the_wait_it_is_in_to_its_start_method() (lambda) in RetentionPathTests.cs:line N
            """);
    }

    [Fact]
    public void Real_dump_writer_respects_disabled_diagnostics()
    {
        Environment.SetEnvironmentVariable("DOTNET_EnableDiagnostics", "0");
        try
        {
            var act = () => new CreatedumpWriter().Write("/nonexistent/never.dmp", TimeSpan.FromSeconds(1));

            act.Should().Throw<DumpUnavailableException>().WithMessage("diagnostics are disabled in this process (DOTNET_EnableDiagnostics=0)");
        }
        finally
        {
            Environment.SetEnvironmentVariable("DOTNET_EnableDiagnostics", null);
        }
    }

    [Fact]
    public void Report_says_how_long_the_analysis_took()
    {
        var report = Leak(() => Holders.Items.Add(Tracked("timed")));

        report.Notices.Should().ContainSingle(n => n.StartsWith("Retention paths analysed in ", StringComparison.Ordinal));
        report.Message.Should().Contain("    alive because:\n      static LeakCheck.HeapAnalysis.Tests.Holders.Items");
    }

    private static LeakReport Leak(Action leak)
    {
        LeakCheck.Retention.RetentionStep.ResetCount();
        var scope = LeakScope.Begin("retention", s_options);
        leak();
        return scope.End();
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static Session Tracked(string name)
    {
        var session = new Session();
        LeakTracker.Track(session, name);
        return session;
    }

    private static Func<Func<int>> CaptureInClosure(Session session) => () => () => session.GetHashCode();

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void BlockUntilStopped(ManualResetEventSlim started, ManualResetEventSlim stop)
    {
        started.Set();
        stop.Wait();
    }

    private static async Task AwaitForever(Task task) => await task;

    private static async Task HoldWhileWaiting(Session session, Task gate)
    {
        await gate;
        GC.KeepAlive(session);
    }
}

public sealed class Session
{
    public void OnChanged(object? sender, EventArgs e)
    {
    }
}

public static class Holders
{
    public static readonly List<object> Items = new();
    public static readonly Dictionary<string, object> Cache = new();
    public static readonly TaskCompletionSource Pending = new();
    public static readonly TaskCompletionSource Gate = new();

    public static event EventHandler? Changed;

    public static Lazy<Func<int>>? Lazy { get; set; }

    public static Timer? Timer { get; set; }

    public static void Raise() => Changed?.Invoke(null, EventArgs.Empty);
}

[CollectionDefinition(nameof(HeapDumps), DisableParallelization = true)]
public sealed class HeapDumps
{
}
