using System;
using System.Collections.Generic;
using LeakCheck.Probes;

namespace LeakCheck.Settling;

/// <summary>What settling found and what it cost.</summary>
internal sealed record SettleResult(
    List<PendingItem> Pending,
    TimeSpan Elapsed,
    int Gen1Collections,
    int FullCollections,
    List<string> Notices);
