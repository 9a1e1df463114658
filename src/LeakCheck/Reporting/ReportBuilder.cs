using System.Collections.Generic;
using System.Linq;
using LeakCheck.Engine;
using LeakCheck.Ignoring;
using LeakCheck.Probes;

namespace LeakCheck.Reporting;

/// <summary>Turns what settling left pending into a <see cref="LeakReport"/>: order, frames, fingerprints, ignores.</summary>
internal static class ReportBuilder
{
    public static LeakReport Build(ScopeState scope, SettleResult settled, IEnumerable<string> notices, IEnumerable<string> leakNotices)
    {
        var options = scope.Options;
        var run = Run.LeakRun.Current;
        var scopeRules = settled.Pending.Count == 0 ? [] : IgnoreRegistry.DeclareScopeRules(options);
        var items = new List<LeakedItem>();
        var leaked = new List<PendingItem>();
        var ignored = 0;
        var baselined = 0;

        // Deterministic order: by kind, then by creation order within the scope.
        foreach (var pending in settled.Pending.OrderBy(p => p.Kind).ThenBy(p => p.Sequence))
        {
            var frames = UserFrames.From(pending.CreationStack, pending.StartedBy);
            var fingerprint = Fingerprint.Of(pending);
            if (IgnoreRegistry.Match(new IgnoreCandidate(pending.Kind, pending.TypeName, fingerprint, pending.CreationStack, pending.StartedBy), scopeRules) is not null)
            {
                ignored++;
                continue;
            }

            if (run.IsBaselined(fingerprint))
            {
                baselined++;
                continue;
            }

            // Cut in the middle: the innermost frames say what created the item, the outermost one is the test's.
            var shown = frames.Count <= options.MaxFramesPerItem ? frames
                : [.. frames.Take(options.MaxFramesPerItem - 1), frames[^1]];
            items.Add(new LeakedItem(pending.Kind, pending.TypeName, pending.Name, scope.Name,
                pending.Details ?? [], shown, frames.Count - shown.Count, fingerprint)
            {
                OmittedAt = frames.Count <= options.MaxFramesPerItem ? shown.Count : shown.Count - 1,
            });
            leaked.Add(pending);
        }

        var (paths, retentionNotices) = Retention.RetentionStep.Run(options, leaked);
        for (var i = 0; i < items.Count; i++)
        {
            items[i].AliveBecause = paths[i];
        }

        var recording = items.Count > 0 && run.IsRecording
            ? [ReportFormatter.RecordingNotice(run.Settings.BaselinePath)]
            : System.Array.Empty<string>();
        return new LeakReport(scope.Name, items, ignored, settled.Elapsed, settled.Gen1Collections, settled.FullCollections,
            notices.Concat(settled.Notices).Concat(items.Count > 0 ? leakNotices : []).Concat(retentionNotices).Concat(recording).Distinct().ToList(),
            options.MaxReportedItems)
        {
            BaselinedCount = baselined,
        };
    }
}
