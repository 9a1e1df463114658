namespace LeakCheck.Probes;

/// <summary>What can still make a pending item go away before the verdict.</summary>
internal enum SettleHint
{
    /// <summary>A garbage collection (the item is only weakly observed, or its finalizer releases it).</summary>
    Collection = 0,

    /// <summary>Time: the item is running work that may still finish.</summary>
    Completion = 1,
}
