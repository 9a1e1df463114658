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
            if (report.IgnoredCount > 0)
            {
                text.Append(CultureInfo.InvariantCulture, $" {Count(report.IgnoredCount, "known leak")} ignored by fingerprint.");
            }

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
        if (report.IgnoredCount > 0)
        {
            text.Append(CultureInfo.InvariantCulture, $" {Count(report.IgnoredCount, "known leak")} ignored by fingerprint.");
        }

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

        var example = report.Items[0].Fingerprint;
        text.Append(CultureInfo.InvariantCulture,
            $"\nTo accept a known leak, list its fingerprint in IgnoreFingerprints, for example [NoLeaks(IgnoreFingerprints = new[] {{ \"{example}\" }})]; see README \"Ignoring known leaks\".\n");
    }

    private static void AppendItem(StringBuilder text, int number, LeakedItem item)
    {
        text.Append(CultureInfo.InvariantCulture, $"[{number}] {Header(item)}\n");
        foreach (var detail in item.Details)
        {
            text.Append("    ").Append(detail).Append('\n');
        }

        if (item.CreatedAt.Count == 0)
        {
            text.Append("    created at: (no user frames on the creation stack)\n");
        }
        else
        {
            text.Append("    created at:\n");
            foreach (var frame in item.CreatedAt)
            {
                text.Append("      ").Append(frame.ToString()).Append('\n');
            }

            if (item.OmittedFrames > 0)
            {
                text.Append(CultureInfo.InvariantCulture, $"      ... {Count(item.OmittedFrames, "more frame")}\n");
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
            _ => item.Kind.ToString(),
        };
        return item.Name is null ? $"{label} {item.TypeName}" : $"{label} \"{item.Name}\" ({item.TypeName})";
    }

    private static string Count(int n, string noun) => n.ToString(CultureInfo.InvariantCulture) + " " + noun + (n == 1 ? string.Empty : "s");
}
