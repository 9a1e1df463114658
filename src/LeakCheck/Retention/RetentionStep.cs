using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Threading;
using LeakCheck.Engine;
using LeakCheck.Probes;

namespace LeakCheck.Retention;

/// <summary>
/// Runs the retention analysis for a failing report when it is switched on and the analyzer package is
/// present, and only when something it reports is still alive (an abandoned method is already garbage: there is no
/// path to show, and no dump is spent on it). A process spends at most <see cref="LeakCheckOptions.RetentionRunBudget"/>
/// on analyses in all and runs at most <see cref="LeakCheckOptions.MaxRetentionAnalyses"/>; each has a hard time limit.
/// Checks that fail together share one analysis (<see cref="SharedAnalyses"/>): one heap dump for all of them.
/// </summary>
internal static class RetentionStep
{
    public const string Variable = LeakCheck.Configuration.LeakCheckSettings.RetentionVariable;
    /// <summary>The analyzer the engine loads when its package is referenced.</summary>
    public const string AnalyzerTypeName = "LeakCheck.HeapAnalysis.HeapRetentionAnalyzer, LeakCheck.HeapAnalysis";
    private static readonly Lazy<(IRetentionAnalyzer? Analyzer, string? LoadError)> s_analyzer = new(Discover);
    private static readonly SharedAnalyses s_shared = new();
    private static int s_analysesRun;

    /// <summary>Starts the per-process count of analyses and their time again (tests).</summary>
    internal static void ResetCount()
    {
        Interlocked.Exchange(ref s_analysesRun, 0);
        s_shared.Reset();
    }

    /// <summary>Replaces the analyzer (tests); null restores discovery.</summary>
    internal static IRetentionAnalyzer? Override { get; set; }

    /// <summary>Analyzes the subjects of the leaked items and returns one path list per item (empty when none) plus notices.</summary>
    public static (IReadOnlyList<string>[] Paths, List<string> Notices) Run(LeakCheckOptions options, IReadOnlyList<PendingItem> leaked)
    {
        var paths = leaked.Select(_ => (IReadOnlyList<string>)Array.Empty<string>()).ToArray();
        var notices = new List<string>();
        if (leaked.Count == 0)
        {
            // A clean test: nothing to explain, and nothing read (the switch is an environment variable).
            return (paths, notices);
        }

        var (analyzer, loadError) = Override is { } replaced ? (replaced, null) : s_analyzer.Value;
        if (!IsEnabled(options, analyzer is not null, notices))
        {
            return (paths, notices);
        }

        if (analyzer is null)
        {
            if (loadError is not null)
            {
                notices.Add("Retention paths unavailable: the LeakCheck.HeapAnalysis package is referenced but could not be loaded: " + loadError);
            }

            return (paths, notices);
        }

        if (!leaked.Any(p => p.Subject?.IsAlive == true))
        {
            return (paths, notices);
        }

        var spent = s_shared.Spent;
        if (spent >= options.RetentionRunBudget)
        {
            notices.Add(string.Format(CultureInfo.InvariantCulture,
                "Retention paths not analysed: this run already spent {0:0.0} s on retention analyses, its budget (RetentionRunBudget, {1:0.#} s).",
                spent.TotalSeconds, options.RetentionRunBudget.TotalSeconds));
            return (paths, notices);
        }

        if (Interlocked.Increment(ref s_analysesRun) > options.MaxRetentionAnalyses)
        {
            notices.Add(string.Format(CultureInfo.InvariantCulture,
                "Retention paths not analysed: this run already analysed {0} failing tests (MaxRetentionAnalyses).", options.MaxRetentionAnalyses));
            return (paths, notices);
        }

        var subjects = leaked.Select(p => p.Subject ?? new WeakReference(null)).ToList();
        var limit = options.RetentionRunBudget - spent < options.RetentionTimeLimit ? options.RetentionRunBudget - spent : options.RetentionTimeLimit;
        var trace = LeakCheck.Configuration.LeakCheckSettings.Read().RetentionTrace ? Console.Error : null;
        var result = s_shared.Analyze(analyzer, subjects, limit, trace);

        if (result.UnavailableReason is not null)
        {
            notices.Add("Retention paths unavailable: " + result.UnavailableReason);
            return (paths, notices);
        }

        for (var i = 0; i < paths.Length && i < result.Paths.Count; i++)
        {
            // A running thread is alive because of what it runs: its stack says that, not a path to its Thread object.
            if (leaked[i].Kind == LeakKind.Thread && leaked[i].Subject is not null)
            {
                paths[i] = result.ThreadStacks is { } stacks && i < stacks.Count && stacks[i] is { } frames
                    ? DumpedStacks.Describe(frames)
                    : ["(its thread's stack could not be read from the heap dump)"];
                continue;
            }

            // An item with no subject (nothing to look for: a work item) gets no line at all.
            paths[i] = leaked[i].Subject is null ? [] : result.Paths[i]
                ?? (leaked[i].Subject?.IsAlive == true
                    ? ["(no path from a GC root: it is referenced only from a thread's stack)"]
                    : ["(collected meanwhile: nothing keeps it alive any more)"]);
        }

        notices.Add(string.Format(CultureInfo.InvariantCulture, "Retention paths analysed in {0:0.00} s.", result.Elapsed.TotalSeconds));
        return (paths, notices);
    }

    private static bool IsEnabled(LeakCheckOptions options, bool analyzerPresent, List<string> notices)
    {
        // An invalid value was reported when the scope began; here it reads as unset.
        var forced = LeakCheck.Configuration.LeakCheckSettings.Read().Retention;
        var enabled = forced ?? options.RetentionPaths;
        if (enabled && !analyzerPresent && forced == true)
        {
            notices.Add("Retention paths unavailable: LEAKCHECK_RETENTION=on but the LeakCheck.HeapAnalysis package is not referenced.");
        }

        return enabled;
    }

    // Absent package: no analyzer and no error. Present but failing to load or construct: the reason, said in the report.
    private static (IRetentionAnalyzer?, string?) Discover()
    {
        try
        {
            if (Type.GetType(AnalyzerTypeName, throwOnError: false) is not { } type)
            {
                return (null, null);
            }

            return Activator.CreateInstance(type) is IRetentionAnalyzer analyzer
                ? (analyzer, null)
                : (null, type.FullName + " does not implement " + typeof(IRetentionAnalyzer).FullName + " (mismatched LeakCheck versions?)");
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            var inner = ex is System.Reflection.TargetInvocationException { InnerException: { } cause } ? cause : ex;
            return (null, inner.GetType().Name + ": " + inner.Message);
        }
    }
}
