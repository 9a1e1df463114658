using System.Collections.Generic;
using LeakCheck.Ignoring;
using LeakCheck.Reporting;

namespace LeakCheck.Engine;

/// <summary>The ignore-rule stage: each candidate is matched once, against the scope's rules and every process-wide one.</summary>
internal static class IgnoreStage
{
    public static (List<LeakCandidate> Kept, int Ignored) Apply(List<LeakCandidate> candidates, LeakCheckOptions options)
    {
        if (candidates.Count == 0)
        {
            return (candidates, 0);
        }

        var scopeRules = IgnoreRegistry.DeclareScopeRules(options);
        var kept = new List<LeakCandidate>(candidates.Count);
        foreach (var candidate in candidates)
        {
            var pending = candidate.Pending;
            if (IgnoreRegistry.Match(new IgnoreCandidate(pending.Kind, pending.TypeName, candidate.Fingerprint, pending.CreationStack, pending.StartedBy), scopeRules) is null)
            {
                kept.Add(candidate);
            }
        }

        return (kept, candidates.Count - kept.Count);
    }
}
