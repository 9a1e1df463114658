using System.Globalization;
using System.Text;
using LeakCheck.Reporting;

namespace LeakCheck.Run;

/// <summary>The text of the end-of-run summary (the per-test reports are <see cref="ReportFormatter"/>'s).</summary>
internal static class RunSummaryText
{
    /// <summary>How the one line naming the static cancellation sources a run could not read begins.</summary>
    public const string UnreadTokenFieldsLine = "Cancellation registrations on static sources NOT checked";

    /// <summary>The end-of-run summary: counts, the JSON file, ignore rules that never matched, the baseline.</summary>
    public static string Format(RunSummary summary)
    {
        var text = new StringBuilder();
        text.Append(CultureInfo.InvariantCulture,
            $"LeakCheck run {summary.Settings.Name}: {ReportFormatter.Count((int)summary.Scopes, "check")}, {ReportFormatter.Count(summary.LeakingScopes, "with leaks", "with leaks")}.\n");
        if (summary.UncheckedCount > 0)
        {
            text.Append(CultureInfo.InvariantCulture,
                $"{ReportFormatter.Count((int)summary.UncheckedCount, "test")} under [NoLeaks] NOT checked (their leaks are not reported):\n");
            foreach (var test in summary.Unchecked)
            {
                text.Append("- ").Append(test).Append('\n');
            }

            if (summary.UncheckedCount > summary.Unchecked.Count)
            {
                text.Append(CultureInfo.InvariantCulture, $"- ... and {summary.UncheckedCount - summary.Unchecked.Count} more\n");
            }
        }

        if (summary.UnreadTokenFields.Count > 0)
        {
            text.Append(CultureInfo.InvariantCulture,
                $"{UnreadTokenFieldsLine} ({ReportFormatter.Count(summary.UnreadTokenFields.Count, "field")}; this runtime cannot tell whether their type's static initializer ran, .NET 9 and later can; see README \"How ownership is recorded\"): {string.Join(", ", summary.UnreadTokenFields)}\n");
        }

        if (summary.SharedCreators.Count > 0)
        {
            text.Append("Leaks of several tests created by one frame (each test has its own fingerprint; if it is work you accept, one createdBy rule covers them all, see README \"Ignoring known leaks\"):\n");
            foreach (var creator in summary.SharedCreators)
            {
                text.Append(CultureInfo.InvariantCulture,
                    $"- {creator.Creator}: {ReportFormatter.Count(creator.Leaks, "leak")} ({string.Join(", ", creator.Kinds)}) in {creator.Tests} tests; rule: createdBy:{creator.Creator}\n");
            }
        }

        if (summary.JsonPath is not null)
        {
            text.Append("JSON report: ").Append(summary.JsonPath).Append('\n');
        }
        else if (summary.JsonError is not null)
        {
            text.Append("JSON report NOT written: ").Append(summary.JsonError).Append('\n');
        }

        if (summary.UnusedRules.Count > 0)
        {
            text.Append(CultureInfo.InvariantCulture,
                $"{ReportFormatter.Count(summary.UnusedRules.Count, "ignore rule")} matched nothing in this run; remove {(summary.UnusedRules.Count == 1 ? "it" : "them")} if the leak is gone:\n");
            foreach (var rule in summary.UnusedRules)
            {
                text.Append("- ").Append(rule.Rule.Text).Append(" (").Append(rule.Source).Append(")\n");
            }
        }

        foreach (var invalid in summary.InvalidLibraryRules)
        {
            text.Append(invalid).Append('\n');
        }

        if (summary.Recording)
        {
            if (summary.BaselineWritten is not null)
            {
                text.Append(CultureInfo.InvariantCulture, $"Baseline recorded: {ReportFormatter.Count(summary.Recorded, "known leak")} written to {summary.BaselineWritten}.\n");
            }
            else
            {
                text.Append(CultureInfo.InvariantCulture,
                    $"Baseline NOT recorded: writing {summary.Settings.BaselinePath} failed ({summary.BaselineError}); the previous file is unchanged.\n");
            }
        }
        else if (summary.BaselineEntries > 0)
        {
            text.Append(CultureInfo.InvariantCulture,
                $"Baseline {summary.Settings.BaselinePath}: {summary.BaselineSeen} of {ReportFormatter.Count(summary.BaselineEntries, "known leak")} still occurred; {summary.BaselineGone.Count} did not");
            if (summary.BaselineGone.Count == 0)
            {
                text.Append(".\n");
            }
            else
            {
                text.Append(" (fixed, or their tests did not run): delete their lines:\n");
                foreach (var entry in summary.BaselineGone)
                {
                    text.Append("- ").Append(entry.Fingerprint).Append(' ').Append(entry.Kind).Append(' ').Append(entry.Description).Append('\n');
                }
            }
        }

        return text.ToString().TrimEnd('\n');
    }
}
