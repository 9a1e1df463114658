using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;
using LeakCheck.Ignoring;
using LeakCheck.Probes;
using LeakCheck.Reporting;
using LeakCheck.Retention;
using LeakCheck.Run;
using LeakCheck.Scopes;
using LeakCheck.Settling;

namespace LeakCheck.Engine;

/// <summary>
/// The stages that turn an ending scope into its verdict, in order, each handing its result to the next:
/// settle, candidates (report order, frames, fingerprints), ignore rules, baseline, retention, report, verdict,
/// and the run's ledger. The only place that decides what a scope's leaks do to its test.
/// </summary>
internal static class CheckPipeline
{
    public static async ValueTask<LeakReport> RunAsync(ScopeState scope, LeakCheckMode mode, bool synchronous, IReadOnlyList<string> beginNotices, IReadOnlyList<string> leakNotices)
    {
        var settled = await Settler.SettleAsync(scope, synchronous).ConfigureAwait(false);

        // A probe that failed during the test, and runtime objects that could not be read, say so now.
        var notices = new List<string>(beginNotices);
        notices.AddRange(ProbeRegistry.TakeUnannouncedNotices());
        Runtime.RuntimeNotices.TakeUnannounced(notices);
        notices.AddRange(settled.Notices);

        var run = LeakRun.Current;
        var candidates = LeakCandidate.InReportOrder(settled.Pending);
        var (kept, ignored) = IgnoreStage.Apply(candidates, scope.Options);
        var leaks = kept.Where(c => !run.IsBaselined(c.Fingerprint)).ToList();
        var (paths, retentionNotices) = RetentionStep.Run(scope.Options, [.. leaks.Select(c => c.Pending)]);

        if (leaks.Count > 0)
        {
            notices.AddRange(leakNotices);
            notices.AddRange(retentionNotices);
            if (run.IsRecording)
            {
                notices.Add(ReportFormatter.RecordingNotice(run.Settings.BaselinePath));
            }
        }
        else
        {
            notices.AddRange(retentionNotices);
        }

        var verdict = leaks.Count == 0 ? LeakVerdict.Pass : mode == LeakCheckMode.Fail ? LeakVerdict.Fail : LeakVerdict.Warn;
        var report = ReportBuilder.Build(scope.Name, scope.Options, settled, leaks, paths, ignored, kept.Count - leaks.Count, notices, verdict);
        run.OnReport(report);
        return report;
    }
}
