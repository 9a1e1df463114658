using System;
using System.Reactive.Linq;
using LeakCheck;

namespace LeakCheck.FreshProcess;

/// <summary>
/// System.Reactive starts process-wide timers lazily, inside whichever test first touches it: the default scheduler's
/// system-clock registration (a 30 s cleanup timer, when <c>DefaultScheduler.Instance</c> is first created) and the
/// system-clock monitor (a 1 s timer, while any absolute-time work is queued). Neither is the test's. In a process
/// that has not used Rx yet: a clean first test (its subscription disposed) must pass; a leaky one reports only its
/// own <c>Interval</c> timer; absolute-time work reports its long-term timer, not the clock monitor.
/// </summary>
internal static class ReactiveExtensions
{
    private static readonly LeakCheckOptions s_options = new() { SettleTimeout = TimeSpan.FromMilliseconds(100), RetentionPaths = false };

    public static int Run()
    {
        var clean = LeakScope.Begin("first Rx test, disposed", s_options);
        using (Observable.Interval(TimeSpan.FromMinutes(1)).Subscribe(static _ => { }))
        {
        }

        Print(clean.End());

        var leaky = LeakScope.Begin("Rx test leaving an interval", s_options);
        var interval = Observable.Interval(TimeSpan.FromMinutes(1)).Subscribe(static _ => { });
        Print(leaky.End());

        var absolute = LeakScope.Begin("Rx test leaving absolute-time work", s_options);
        var timer = Observable.Timer(DateTimeOffset.UtcNow.AddHours(1)).Subscribe(static _ => { });
        Print(absolute.End());

        interval.Dispose();
        timer.Dispose();
        return 0;
    }

    private static void Print(LeakReport report)
    {
        // An absolute due time depends on the clock: the minutes say enough.
        Console.WriteLine(System.Text.RegularExpressions.Regex.Replace(report.Owner + ": " + (report.HasLeaks ? string.Join("; ", System.Linq.Enumerable.Select(report.Items, static i => i.Kind + " " + i.TypeName + " " + string.Join(", ", i.Details))) : "no leaks")
            + $" (ignored {report.IgnoredCount})", @"due 00:59:5\d(\.\d+)?", "due 00:59:5X"));
    }
}
