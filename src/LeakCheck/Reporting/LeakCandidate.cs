using System.Collections.Generic;
using System.Linq;
using LeakCheck.Probes;
using LeakCheck.Reporting;
using LeakCheck.Stacks;

namespace LeakCheck.Reporting;

/// <summary>An item still pending after settling, with the user frames and fingerprint every later stage reads.</summary>
internal sealed record LeakCandidate(PendingItem Pending, List<SourceFrame> Frames, string Fingerprint)
{
    /// <summary>The candidates in the report's deterministic order: by kind, then by creation order within the scope.</summary>
    public static List<LeakCandidate> InReportOrder(IEnumerable<PendingItem> pending)
        => [.. pending.OrderBy(p => p.Kind).ThenBy(p => p.Sequence)
            .Select(p => new LeakCandidate(p, UserFrames.From(p.CreationStack, p.StartedBy), Probes.Fingerprint.Of(p)))];
}
