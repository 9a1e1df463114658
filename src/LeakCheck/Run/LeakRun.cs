using System;
using System.Collections.Generic;
using System.IO;
using System.Threading;
using LeakCheck.Configuration;

namespace LeakCheck.Run;

/// <summary>
/// The current test run of the process. It starts with the first scope and completes when the process exits
/// (or when an adapter or a test says the run is over), so that it works the same under every test framework.
/// </summary>
internal static class LeakRun
{
    private static readonly object s_lock = new();
    private static readonly List<string> s_jsonReports = [];
    private static RunLedger? s_current;
    private static string? s_hostResultsDirectory;
    private static int s_exitHooked;

    public static RunLedger Current => Volatile.Read(ref s_current) ?? Start(null, null);

    /// <summary>
    /// Gets or sets the results directory the test host chose (Microsoft.Testing.Platform's), where the JSON report
    /// of the runs that start from now on goes when <c>LEAKCHECK_RESULTS_DIR</c> is unset; null (the default) for
    /// the test project's <c>TestResults</c>. Adapters set it before the first test begins.
    /// </summary>
    public static string? HostResultsDirectory
    {
        get => Volatile.Read(ref s_hostResultsDirectory);
        set => Volatile.Write(ref s_hostResultsDirectory, value);
    }

    /// <summary>Completes the current run (JSON, baseline, summary); the next scope starts a new one.</summary>
    public static RunSummary? Complete()
    {
        var summary = Interlocked.Exchange(ref s_current, null)?.Complete();
        if (summary?.JsonPath is { } path)
        {
            lock (s_jsonReports)
            {
                s_jsonReports.Add(path);
            }
        }

        return summary;
    }

    /// <summary>Gets the JSON reports written by the runs of this process that completed so far, in order.</summary>
    public static IReadOnlyList<string> JsonReports()
    {
        lock (s_jsonReports)
        {
            return [.. s_jsonReports];
        }
    }

    /// <summary>Starts a new run with the given settings and output, forgetting the user's ignore rules (tests).</summary>
    public static RunLedger StartForTests(RunSettings settings, TextWriter output)
    {
        lock (s_lock)
        {
            Ignoring.IgnoreRegistry.Reset();
            var ledger = new RunLedger(settings, null, output);
            Volatile.Write(ref s_current, ledger);
            return ledger;
        }
    }

    private static RunLedger Start(RunSettings? settings, TextWriter? output)
    {
        lock (s_lock)
        {
            if (s_current is { } existing)
            {
                return existing;
            }

            LeakCheckConfigurationException? error = null;
            if (settings is null)
            {
                try
                {
                    settings = RunSettings.FromEnvironment(HostResultsDirectory);
                }
                catch (LeakCheckConfigurationException ex)
                {
                    error = ex;
                    settings = new RunSettings("tests", Path.Combine(AppContext.BaseDirectory, "TestResults"), false, BaselineMode.Off, RunSettings.BaselineFileName);
                }
            }

            var ledger = new RunLedger(settings, error, output ?? Console.Error);
            Volatile.Write(ref s_current, ledger);
            if (Interlocked.Exchange(ref s_exitHooked, 1) == 0)
            {
                AppDomain.CurrentDomain.ProcessExit += static (_, _) => Complete();
            }

            return ledger;
        }
    }
}
