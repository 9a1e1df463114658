using System;
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
    private static RunLedger? s_current;
    private static int s_exitHooked;

    public static RunLedger Current => Volatile.Read(ref s_current) ?? Start(null, null);

    /// <summary>Completes the current run (JSON, baseline, summary); the next scope starts a new one.</summary>
    public static RunSummary? Complete() => Interlocked.Exchange(ref s_current, null)?.Complete();

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
                    settings = RunSettings.FromEnvironment();
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
