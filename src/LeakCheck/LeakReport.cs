using System;
using System.Collections.Generic;
using LeakCheck.Reporting;

namespace LeakCheck;

/// <summary>
/// The verdict of one scope: the items it left alive after settling, and the evidence of settling.
/// </summary>
public sealed class LeakReport
{
    private string? _message;

    internal LeakReport(string owner, IReadOnlyList<LeakedItem> items, int ignoredCount, TimeSpan settleTime,
        int gen1Collections, int fullCollections, IReadOnlyList<string> notices, int maxReportedItems)
    {
        Owner = owner;
        Items = items;
        IgnoredCount = ignoredCount;
        SettleTime = settleTime;
        Gen1Collections = gen1Collections;
        FullCollections = fullCollections;
        Notices = notices;
        MaxReportedItems = maxReportedItems;
    }

    /// <summary>Gets the name of the scope, usually the test.</summary>
    public string Owner { get; }

    /// <summary>Gets the leaked items in report order (by kind, then creation order).</summary>
    public IReadOnlyList<LeakedItem> Items { get; }

    /// <summary>
    /// Gets how many leaked items ignore rules accepted (<see cref="LeakCheckOptions.Ignore"/>,
    /// <see cref="LeakCheckOptions.IgnoreFingerprints"/>, <see cref="LeakIgnores"/>, libraries' and built-in rules).
    /// </summary>
    public int IgnoredCount { get; }

    /// <summary>Gets how many leaked items the baseline file accepted (see README "Baseline: gradual adoption").</summary>
    public int BaselinedCount { get; internal init; }

    /// <summary>Gets how long settling took.</summary>
    public TimeSpan SettleTime { get; }

    /// <summary>Gets how many gen1 collections settling forced.</summary>
    public int Gen1Collections { get; }

    /// <summary>Gets how many full (non-compacting) collections settling forced.</summary>
    public int FullCollections { get; }

    /// <summary>Gets notices about the check itself, such as a probe that is unavailable on this runtime.</summary>
    public IReadOnlyList<string> Notices { get; }

    /// <summary>Gets a value indicating whether the scope leaked anything that is not ignored.</summary>
    public bool HasLeaks => Items.Count > 0;

    /// <summary>Gets what the report does to the test: <see cref="LeakVerdict.Fail"/> only when something leaked and the scope's effective mode is <see cref="LeakCheckMode.Fail"/>.</summary>
    public LeakVerdict Verdict { get; internal init; }

    internal int MaxReportedItems { get; }

    /// <summary>Gets the report's last line: how to accept a leak (<see cref="LeakCheckOptions.IgnoreHint"/>).</summary>
    internal string IgnoreHint { get; init; } = LeakCheckOptions.DefaultIgnoreHint;

    /// <summary>Gets the full report text, as a failing test shows it.</summary>
    public string Message => _message ??= ReportFormatter.Format(this);

    /// <inheritdoc/>
    public override string ToString() => Message;
}
