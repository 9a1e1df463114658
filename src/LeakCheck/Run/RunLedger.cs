using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Threading;
using LeakCheck.Ignoring;
using LeakCheck.Reporting;
using LeakCheck.Configuration;

namespace LeakCheck.Run;

/// <summary>
/// What one test run keeps beyond its tests: the reports of leaking tests for the JSON file, the baseline it
/// reads or records, and, at the end, the summary (unused ignore rules, baselined leaks that are gone). Clean
/// tests add a count and nothing else.
/// </summary>
internal sealed class RunLedger
{
    private readonly JsonReportWriter? _json;
    private readonly ConcurrentDictionary<string, BaselineEntry> _recorded = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, byte> _baselineSeen = new(StringComparer.OrdinalIgnoreCase);
    private static int s_created;
    private readonly TextWriter? _output;
    private long _scopes;
    private long _leakingScopes;

    /// <summary>The first tests an adapter could not check (named in the summary); the rest are only counted, so memory stays flat.</summary>
    private readonly List<string> _unchecked = [];
    private readonly CreatorTally _creators = new();
    private long _uncheckedCount;
    private int _completed;

    public RunLedger(RunSettings settings, LeakCheckConfigurationException? error, TextWriter? output)
    {
        Settings = settings;
        Error = error;
        _output = output;
        Started = DateTimeOffset.UtcNow;
        Number = Interlocked.Increment(ref s_created);
        _json = settings.JsonReport ? new JsonReportWriter(settings, Started, Number) : null;
        if (error is null && settings.Baseline == BaselineMode.Use && File.Exists(settings.BaselinePath))
        {
            try
            {
                Baseline = BaselineFile.Parse(File.ReadAllText(settings.BaselinePath), settings.BaselinePath);
            }
            catch (LeakCheckConfigurationException invalid)
            {
                Error = invalid;
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                Error = new LeakCheckConfigurationException("baseline file " + settings.BaselinePath, ["it cannot be read: " + ex.Message]);
            }
        }
    }

    public RunSettings Settings { get; }

    /// <summary>Gets the configuration problem (environment or baseline file) that fails every check of the run, or null.</summary>
    public LeakCheckConfigurationException? Error { get; }

    public DateTimeOffset Started { get; }

    /// <summary>Gets the number of this run in the process (a process normally has one).</summary>
    public int Number { get; }

    /// <summary>Gets the baseline's entries by fingerprint, or null when no baseline is in use.</summary>
    public IReadOnlyDictionary<string, BaselineEntry>? Baseline { get; }

    public bool IsRecording => Settings.Baseline == BaselineMode.Record;

    public long Scopes => Interlocked.Read(ref _scopes);

    /// <summary>How many unchecked tests the summary names.</summary>
    public const int MaxUncheckedNamed = 20;

    /// <exception cref="LeakCheckConfigurationException">The environment or the baseline file is invalid.</exception>
    public void OnScopeBegin()
    {
        if (Error is not null)
        {
            throw Error;
        }

        Interlocked.Increment(ref _scopes);
    }

    /// <summary>Gets a value indicating whether the baseline accepts a leak, and notes that the baseline entry still occurs.</summary>
    public bool IsBaselined(string fingerprint)
    {
        if (Baseline is null || !Baseline.ContainsKey(fingerprint))
        {
            return false;
        }

        _baselineSeen.TryAdd(fingerprint, 0);
        return true;
    }

    /// <summary>Keeps a leaking scope's report for the JSON file (and the baseline, when recording).</summary>
    public void OnReport(LeakReport report)
    {
        if (!report.HasLeaks || Volatile.Read(ref _completed) != 0)
        {
            return;
        }

        Interlocked.Increment(ref _leakingScopes);
        _creators.Add(report);
        _json?.AddTest(report, IsRecording ? "recorded" : report.Verdict == LeakVerdict.Fail ? "failed" : "warned");
        if (IsRecording)
        {
            foreach (var item in report.Items)
            {
                var entry = new BaselineEntry(item.Fingerprint, item.Kind, ReportFormatter.BaselineDescription(item));

                // Parallel tests can report the same leak: keep the same line whatever the order.
                _recorded.AddOrUpdate(item.Fingerprint, entry, (_, old) => string.CompareOrdinal(old.Description, entry.Description) <= 0 ? old : entry);
            }
        }
    }

    /// <summary>An adapter could not check a test that a [NoLeaks] scope covers: the summary names it, and why.</summary>
    public void OnUnchecked(string test, string reason)
    {
        if (Interlocked.Increment(ref _uncheckedCount) <= MaxUncheckedNamed)
        {
            lock (_unchecked)
            {
                _unchecked.Add(test + ": " + reason);
            }
        }
    }

    /// <summary>Ends the run once: writes the JSON file and the recorded baseline, prints the summary.</summary>
    /// <returns>The summary, or null when the run had already completed.</returns>
    public RunSummary? Complete()
    {
        if (Interlocked.Exchange(ref _completed, 1) != 0)
        {
            return null;
        }

        var leakingScopes = Interlocked.Read(ref _leakingScopes);
        var unused = IgnoreRegistry.Unused();
        var invalidLibraryRules = IgnoreRegistry.InvalidLibraryRules();
        var gone = Baseline is null ? [] : Baseline.Values.Where(e => !_baselineSeen.ContainsKey(e.Fingerprint)).OrderBy(e => e.Fingerprint, StringComparer.Ordinal).ToList();
        string? baselineWritten = null;
        string? baselineError = null;
        if (IsRecording && Error is null)
        {
            try
            {
                BaselineFile.WriteAtomically(Settings.BaselinePath, BaselineFile.Format(_recorded.Values));
                baselineWritten = Settings.BaselinePath;
            }
            catch (Exception ex)
            {
                baselineError = ex.GetType().Name + ": " + ex.Message;
            }
        }

        string? jsonPath = null;
        string? jsonError = null;
        if (_json is not null && Scopes > 0)
        {
            try
            {
                jsonPath = _json.Finish(this, leakingScopes, unused, invalidLibraryRules, gone, DateTimeOffset.UtcNow);
            }
            catch (Exception ex)
            {
                // The end of a run must never throw (it can run in ProcessExit); the failure is reported instead.
                jsonError = ex is IOException ? ex.Message : ex.GetType().Name + ": " + ex.Message;
            }
        }

        var summary = new RunSummary(Settings, Scopes, (int)leakingScopes, unused, invalidLibraryRules, Baseline?.Count ?? 0, Baseline is null ? 0 : _baselineSeen.Count, gone,
            _recorded.Count, baselineWritten, baselineError, jsonPath, jsonError, IsRecording)
        {
            UncheckedCount = Interlocked.Read(ref _uncheckedCount),
            Unchecked = Unchecked(),
            SharedCreators = _creators.Shared(),
            UnreadTokenFields = UnreadTokenFields(),
        };
        if (Scopes > 0 || summary.UncheckedCount > 0)
        {
            try
            {
                _output?.Write(RunSummaryText.Format(summary) + "\n");
                _output?.Flush();
            }
            catch (Exception ex) when (ex is IOException or ObjectDisposedException or InvalidOperationException)
            {
                // The run's output is gone (the host is shutting down); the JSON file still has everything.
            }
        }

        return summary;
    }

    private List<string> Unchecked()
    {
        lock (_unchecked)
        {
            return [.. _unchecked.Order(StringComparer.Ordinal)];
        }
    }

    /// <summary>Static cancellation sources the run could not check (.NET 8: their type has a static initializer).</summary>
    private static List<string> UnreadTokenFields()
    {
        try
        {
            var names = new List<string>();
            foreach (var field in Probes.ProbeRegistry.CancellationRegistrations.UnreadableFields)
            {
                names.Add(Stacks.TypeNames.Of(field.DeclaringType!) + "." + field.Name);
            }

            names.Sort(StringComparer.Ordinal);
            return names.Count > 20 ? names.GetRange(0, 20) : names;
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            return [];
        }
    }
}

/// <summary>What the end of a run says.</summary>
internal sealed record RunSummary(RunSettings Settings, long Scopes, int LeakingScopes, IReadOnlyList<DeclaredRule> UnusedRules, IReadOnlyList<string> InvalidLibraryRules,
    int BaselineEntries, int BaselineSeen, IReadOnlyList<BaselineEntry> BaselineGone, int Recorded, string? BaselineWritten,
    string? BaselineError, string? JsonPath, string? JsonError, bool Recording)
{
    /// <summary>Gets how many tests a [NoLeaks] scope covered that no check ran for.</summary>
    public long UncheckedCount { get; init; }

    /// <summary>Gets the static fields holding cancellation sources that this runtime could not read (sorted, at most 20).</summary>
    public IReadOnlyList<string> UnreadTokenFields { get; init; } = [];

    /// <summary>Gets the first of them (<see cref="RunLedger.MaxUncheckedNamed"/>), each with why, in a stable order.</summary>
    public IReadOnlyList<string> Unchecked { get; init; } = [];

    /// <summary>Gets the frames (not the tests' own) that created leaks in several tests, most first.</summary>
    public IReadOnlyList<CreatorCount> SharedCreators { get; init; } = [];
}
