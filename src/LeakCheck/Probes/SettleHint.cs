using System;

namespace LeakCheck.Probes;

/// <summary>What can still make a pending item go away before the verdict.</summary>
[Flags]
internal enum SettleHint
{
    /// <summary>Nothing: the item is a final leak (for example an async method that was collected while suspended).</summary>
    None = 0,

    /// <summary>A garbage collection (the item is only weakly observed, or its finalizer releases it).</summary>
    Collection = 1,

    /// <summary>Time: the item is running work that may still finish.</summary>
    Completion = 2,
}
