using System;
using System.Collections.Generic;
using System.Linq;
using System.Runtime.CompilerServices;
using System.Threading;
using System.Threading.Tasks;
using FluentAssertions;
using Xunit;

namespace LeakCheck.Tests;

public class LeakScopeTests
{
    private static readonly List<object> s_kept = new();

    [Fact]
    public void Scope_with_nothing_pending_forces_no_collection()
    {
        using var scope = LeakScope.Begin("clean");

        var report = scope.End();

        report.HasLeaks.Should().BeFalse();
        report.Gen1Collections.Should().Be(0);
        report.FullCollections.Should().Be(0);
    }

    [Fact]
    public void Grace_collection_happens_even_when_the_budget_ran_out_so_the_evidence_does_not_depend_on_load()
    {
        // A 1 ms budget is spent by the gen1 and the first full collection, before the wait loop can run: the
        // grace collection must still happen (a loaded machine used to report "1 full" here, an idle one "2 full").
        var scope = LeakScope.Begin("tiny budget", new LeakCheckOptions { SettleTimeout = TimeSpan.FromMilliseconds(1), RetentionPaths = false });
        var kept = new Widget();
        LeakTracker.Track(kept, "widget");

        var report = scope.End();

        (report.Gen1Collections, report.FullCollections).Should().Be((1, 2));
        report.Items.Should().ContainSingle();
        GC.KeepAlive(kept);
    }

    [Fact]
    public void Tracked_object_still_referenced_is_reported_with_its_name_type_and_owner()
    {
        var scope = LeakScope.Begin("owner test");
        var kept = new Widget();
        LeakTracker.Track(kept, "widget");

        var report = scope.End();

        report.Items.Should().ContainSingle();
        var item = report.Items[0];
        item.Kind.Should().Be(LeakKind.TrackedObject);
        item.Name.Should().Be("widget");
        item.TypeName.Should().Be("LeakCheck.Tests.Widget");
        item.Owner.Should().Be("owner test");
        item.CreatedAt[0].Method.Should().Be("LeakCheck.Tests.LeakScopeTests.Tracked_object_still_referenced_is_reported_with_its_name_type_and_owner()");
        item.CreatedAt[0].File.Should().Be("LeakScopeTests.cs");
        item.CreatedAt[0].Line.Should().BeGreaterThan(0);
        GC.KeepAlive(kept);
    }

    [Fact]
    public void Tracked_object_that_became_garbage_is_not_reported()
    {
        var scope = LeakScope.Begin("garbage");
        TrackGarbage();

        var report = scope.End();

        report.HasLeaks.Should().BeFalse();
        report.Gen1Collections.Should().Be(1);
    }

    [Fact]
    public void Tracking_null_throws()
    {
        var act = () => LeakTracker.Track(null!);

        act.Should().Throw<ArgumentNullException>().WithParameterName("target");
    }

    [Fact]
    public void Tracking_outside_any_scope_is_ignored()
    {
        var kept = new Widget();
        LeakTracker.Track(kept);
        var scope = LeakScope.Begin("later");

        scope.End().HasLeaks.Should().BeFalse();
        GC.KeepAlive(kept);
    }

    [Fact]
    public async Task Work_started_from_the_scope_on_other_threads_belongs_to_it()
    {
        var scope = LeakScope.Begin("threads");
        var fromTask = Task.Run(() => Keep("task"));
        var thread = new Thread(() => Keep("thread"));
        thread.Start();
        await fromTask;
        thread.Join();

        var report = await scope.EndAsync();

        report.Items.Should().HaveCount(2);
    }

    [Fact]
    public async Task Work_started_from_an_async_continuation_belongs_to_the_scope()
    {
        var scope = LeakScope.Begin("async");
        await Task.Yield();
        Keep("after await");

        var report = await scope.EndAsync();

        report.Items.Should().ContainSingle().Which.Name.Should().Be("after await");
    }

    [Fact]
    public void Inner_scope_owns_what_is_created_while_it_is_current()
    {
        var outer = LeakScope.Begin("outer");
        Keep("outer item");
        var inner = LeakScope.Begin("inner");
        Keep("inner item");

        var innerReport = inner.End();
        Keep("outer again");
        var outerReport = outer.End();

        innerReport.Items.Should().ContainSingle().Which.Name.Should().Be("inner item");
        outerReport.Items.Select(i => i.Name).Should().Equal("outer item", "outer again");
    }

    [Fact]
    public void Verify_throws_with_the_report_when_the_scope_leaked()
    {
        var scope = LeakScope.Begin("verify");
        Keep("leak");

        var act = () => scope.Verify();

        act.Should().Throw<LeakDetectedException>().Which.Report.Items.Should().ContainSingle();
    }

    [Fact]
    public void Verify_in_warn_mode_returns_the_report_without_throwing()
    {
        var scope = LeakScope.Begin("warn", new LeakCheckOptions { Mode = LeakCheckMode.Warn });
        Keep("leak");

        scope.Verify().HasLeaks.Should().BeTrue();
    }

    [Fact]
    public void Off_mode_records_nothing()
    {
        var scope = LeakScope.Begin("off", new LeakCheckOptions { Mode = LeakCheckMode.Off });
        Keep("leak");

        scope.End().HasLeaks.Should().BeFalse();
    }

    [Fact]
    public void Ending_a_scope_twice_throws()
    {
        var scope = LeakScope.Begin("twice");
        scope.End();

        var act = () => scope.End();

        act.Should().Throw<InvalidOperationException>().WithMessage("The LeakCheck scope \"twice\" has already ended.");
    }

    [Fact]
    public void Ignored_fingerprint_does_not_fail_and_is_counted()
    {
        var first = LeakScope.Begin("find");
        KeepFromHelper("known");
        var fingerprint = first.End().Items[0].Fingerprint;

        var second = LeakScope.Begin("ignore", new LeakCheckOptions { IgnoreFingerprints = [fingerprint] });
        KeepFromHelper("known");
        var report = second.End();

        report.HasLeaks.Should().BeFalse();
        report.IgnoredCount.Should().Be(1);
    }

    [Fact]
    public void Scope_keeps_nothing_alive_after_it_ended()
    {
        var scope = LeakScope.Begin("records");
        var weak = TrackGarbage();
        scope.End();

        GC.Collect();
        weak.IsAlive.Should().BeFalse();
    }

    [Fact]
    public void Dispose_abandons_the_scope_without_settling()
    {
        var scope = LeakScope.Begin("abandon");
        Keep("leak");

        scope.Dispose();

        scope.IsEnded.Should().BeTrue();
        LeakTracker.Track(new Widget());
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static WeakReference TrackGarbage()
    {
        var widget = new Widget();
        LeakTracker.Track(widget, "garbage");
        return new WeakReference(widget);
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void KeepFromHelper(string name) => Keep(name);

    private static void Keep(string name)
    {
        var widget = new Widget();
        LeakTracker.Track(widget, name);
        lock (s_kept)
        {
            s_kept.Add(widget);
        }
    }
}

public sealed class Widget
{
}
