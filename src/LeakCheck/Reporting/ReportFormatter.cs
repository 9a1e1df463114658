using System;
using System.Globalization;
using System.Linq;
using System.Text;

namespace LeakCheck.Reporting;

/// <summary>
/// Builds every report text LeakCheck shows, in one place. Lines end with <c>\n</c> on every OS so that the
/// text is the same everywhere, and nothing held by a leaked object is ever printed: only kinds, types,
/// names given by the user, member names and code locations.
/// </summary>
internal static class ReportFormatter
{
    public static string Format(LeakReport report)
    {
        var text = new StringBuilder();
        if (report.HasLeaks)
        {
            AppendLeaks(text, report);
        }
        else
        {
            text.Append(CultureInfo.InvariantCulture, $"LeakCheck: nothing created by {report.Owner} is alive after the test ({Settled(report)}).");
            AppendAccepted(text, report);
            text.Append('\n');
        }

        if (report.Notices.Count > 0)
        {
            text.Append("\nNotes:\n");
            foreach (var notice in report.Notices)
            {
                text.Append("- ").Append(notice).Append('\n');
            }
        }

        return text.ToString().TrimEnd('\n');
    }

    /// <summary>The settle evidence: <c>settled in 12 ms; forced GCs: 1 gen1, 1 full</c>.</summary>
    public static string Settled(LeakReport report)
        => string.Format(CultureInfo.InvariantCulture, "settled in {0} ms; forced GCs: {1} gen1, {2} full",
            (long)report.SettleTime.TotalMilliseconds, report.Gen1Collections, report.FullCollections);

    private static void AppendLeaks(StringBuilder text, LeakReport report)
    {
        var count = report.Items.Count;
        text.Append(CultureInfo.InvariantCulture,
            $"LeakCheck: {Count(count, "item")} created by {report.Owner} {(count == 1 ? "is" : "are")} still alive after the test ({Settled(report)}).");
        AppendAccepted(text, report);
        text.Append('\n');
        var shown = Math.Min(count, report.MaxReportedItems);
        for (var i = 0; i < shown; i++)
        {
            text.Append('\n');
            AppendItem(text, i + 1, report.Items[i]);
        }

        if (count > shown)
        {
            text.Append(CultureInfo.InvariantCulture,
                $"\n... and {Count(count - shown, "more item")} not shown (raise MaxReportedItems, now {report.MaxReportedItems}, to see them).\n");
        }

        text.Append('\n').Append(report.IgnoreHint.Replace("{fingerprint}", report.Items[0].Fingerprint, StringComparison.Ordinal)).Append('\n');
    }

    /// <summary>The line a baseline file keeps for a leaked item, after its fingerprint and kind.</summary>
    public static string BaselineDescription(LeakedItem item)
        => (item.Name is null ? item.TypeName : $"\"{item.Name}\" ({item.TypeName})") + " (in " + item.Owner + ")";

    public static string RecordingNotice(string baselinePath)
        => $"LEAKCHECK_BASELINE=record: these leaks are recorded into {baselinePath} at the end of the run and do not fail the test.";

    private static void AppendAccepted(StringBuilder text, LeakReport report)
    {
        if (report.IgnoredCount > 0)
        {
            text.Append(CultureInfo.InvariantCulture, $" {Count(report.IgnoredCount, "known leak")} ignored by rules.");
        }

        if (report.BaselinedCount > 0)
        {
            text.Append(CultureInfo.InvariantCulture, $" {Count(report.BaselinedCount, "known leak")} accepted by the baseline.");
        }
    }

    private static void AppendItem(StringBuilder text, int number, LeakedItem item)
    {
        text.Append(CultureInfo.InvariantCulture, $"[{number}] {Header(item)}\n");
        foreach (var detail in item.Details)
        {
            text.Append("    ").Append(detail).Append('\n');
        }

        if (item.CreatedAt.Count == 0 && item.Kind == LeakKind.Thread)
        {
            text.Append("    created at: not recorded for threads (the runtime raises no event for Thread.Start); name the thread to find it\n");
        }
        else if (item.CreatedAt.Count == 0 && item.Kind == LeakKind.RegisteredWait)
        {
            text.Append("    created at: not recorded for registered waits (the runtime raises no event for RegisterWaitForSingleObject); the callback above names it\n");
        }
        else if (item.CreatedAt.Count == 0 && item.Kind == LeakKind.CancellationRegistration)
        {
            text.Append("    created at: not recorded for cancellation registrations (the runtime raises no event for Register); the callback above names it\n");
        }
        else if (item.CreatedAt.Count == 0 && item.Kind == LeakKind.ChildProcess)
        {
            text.Append("    created at: not recorded for child processes (the runtime raises no event for Process.Start); the file name above names it\n");
        }
        else if (item.CreatedAt.Count == 0 && item.Kind == LeakKind.WorkItem)
        {
            text.Append("    created at: not recorded for work items (the runtime raises no event for QueueUserWorkItem and cannot read a running thread's stack)\n");
        }
        else if (item.CreatedAt.Count == 0)
        {
            text.Append("    created at: (no user frames on the creation stack)\n");
        }
        else
        {
            text.Append("    created at:\n");
            for (var i = 0; i <= item.CreatedAt.Count; i++)
            {
                if (i == item.OmittedAt && item.OmittedFrames > 0)
                {
                    text.Append(CultureInfo.InvariantCulture, $"      ... {Count(item.OmittedFrames, "more frame")}\n");
                }

                if (i < item.CreatedAt.Count)
                {
                    text.Append("      ").Append(item.CreatedAt[i].ToString()).Append('\n');
                }
            }
        }

        if (item.AliveBecause.Count > 0)
        {
            text.Append("    alive because:\n");
            foreach (var step in item.AliveBecause)
            {
                text.Append("      ").Append(step).Append('\n');
            }
        }

        text.Append("    fingerprint: ").Append(item.Fingerprint).Append('\n');
    }

    private static string Header(LeakedItem item)
    {
        var label = item.Kind switch
        {
            LeakKind.TrackedObject => "Tracked object",
            LeakKind.Task => "Task",
            LeakKind.AsyncMethod => "Async method",
            LeakKind.AbandonedAsyncMethod => "Abandoned async method",
            LeakKind.ChannelReader => "Channel reader",
            LeakKind.ChannelWriter => "Channel writer",
            LeakKind.Timer => "Timer",
            LeakKind.Thread => "Thread",
            LeakKind.RegisteredWait => "Registered wait",
            LeakKind.WorkItem => "Work item",
            LeakKind.CancellationRegistration => "Cancellation registration",
            LeakKind.ChildProcess => "Child process",
            _ => item.Kind.ToString(),
        };
        return item.Name is null ? $"{label} {item.TypeName}" : $"{label} \"{item.Name}\" ({item.TypeName})";
    }

    internal static string Count(int n, string noun) => n.ToString(CultureInfo.InvariantCulture) + " " + noun + (n == 1 ? string.Empty : "s");

    internal static string Count(int n, string singular, string plural) => n.ToString(CultureInfo.InvariantCulture) + " " + (n == 1 ? singular : plural);
}
