using System.Collections.Generic;
using System.Linq;
using LeakCheck.Engine;
using LeakCheck.Settling;

namespace LeakCheck.Reporting;

/// <summary>Builds a <see cref="LeakReport"/> from what the pipeline decided: it cuts long stacks and decides nothing.</summary>
internal static class ReportBuilder
{
    public static LeakReport Build(string owner, LeakCheckOptions options, SettleResult settled, IReadOnlyList<LeakCandidate> leaks,
        IReadOnlyList<IReadOnlyList<string>> aliveBecause, int ignored, int baselined, IEnumerable<string> notices, LeakVerdict verdict)
    {
        var items = new List<LeakedItem>(leaks.Count);
        for (var i = 0; i < leaks.Count; i++)
        {
            var (pending, frames, fingerprint) = leaks[i];

            // Cut in the middle: the innermost frames say what created the item, the outermost one is the test's.
            var shown = frames.Count <= options.MaxFramesPerItem ? frames
                : [.. frames.Take(options.MaxFramesPerItem - 1), frames[^1]];
            items.Add(new LeakedItem(pending.Kind, pending.TypeName, pending.Name, owner,
                pending.Details ?? [], shown, frames.Count - shown.Count, fingerprint)
            {
                OmittedAt = frames.Count <= options.MaxFramesPerItem ? shown.Count : shown.Count - 1,
                AliveBecause = aliveBecause[i],
            });
        }

        return new LeakReport(owner, items, ignored, settled.Elapsed, settled.Gen1Collections, settled.FullCollections,
            notices.Distinct().ToList(), options.MaxReportedItems)
        {
            BaselinedCount = baselined,
            Verdict = verdict,
            IgnoreHint = options.IgnoreHint,
        };
    }
}
