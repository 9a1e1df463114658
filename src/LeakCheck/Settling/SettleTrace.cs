using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using LeakCheck.Probes;
using LeakCheck.Scopes;

namespace LeakCheck.Settling;

/// <summary>
/// Diagnostics for LeakCheck itself: with <c>LEAKCHECK_TRACE=/path/to/file</c>, every scope appends one line
/// (name, settle time, forced GCs, how often it waited and how often only for a thread still starting, what was still pending, and what it first waited for) so that a slow suite can see what settling did.
/// Types and names only, like reports.
/// </summary>
internal static class SettleTrace
{
    private static readonly string? s_path = Configuration.LeakCheckSettings.Read().TracePath;
    private static readonly object s_lock = new();

    /// <summary>Gets a value indicating whether tracing is on (what only the trace shows is computed only then).</summary>
    public static bool Enabled => !string.IsNullOrEmpty(s_path);

    /// <summary>What a list of pending items reads as in the trace: kinds and types.</summary>
    public static string Describe(List<PendingItem> pending) => string.Join("; ", pending.Select(p => p.Kind + " " + p.TypeName));

    public static void Write(ScopeState scope, TimeSpan elapsed, int gen1, int full, int waits, int startingWaits, string? firstWaitFor, List<PendingItem> pending)
    {
        if (string.IsNullOrEmpty(s_path))
        {
            return;
        }

        var line = FormattableString.Invariant(
            $"{scope.Name}\t{elapsed.TotalMilliseconds:0.000} ms\tgen1 {gen1}\tfull {full}\twaits {waits} ({startingWaits} for starting threads)\tpending {pending.Count}: {Describe(pending)}{(firstWaitFor is null ? "" : "\tfirst waited for: " + firstWaitFor)}\n");
        try
        {
            lock (s_lock)
            {
                File.AppendAllText(s_path, line);
            }
        }
        catch (IOException)
        {
            // Tracing must never break a test.
        }
    }
}
