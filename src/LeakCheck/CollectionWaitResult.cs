using System;

namespace LeakCheck;

/// <summary>
/// What <see cref="CollectionWaiter.WaitUntilCollected(WeakReference, TimeSpan)"/> found and what it cost.
/// </summary>
public sealed class CollectionWaitResult
{
    internal CollectionWaitResult(bool isCollected, Type? targetType, TimeSpan elapsed, int gen1Collections, int fullCollections, bool finalizersTimedOut)
    {
        IsCollected = isCollected;
        TargetType = targetType;
        Elapsed = elapsed;
        Gen1Collections = gen1Collections;
        FullCollections = fullCollections;
        FinalizersTimedOut = finalizersTimedOut;
    }

    /// <summary>Gets a value indicating whether the target was gone when the wait returned.</summary>
    public bool IsCollected { get; }

    /// <summary>
    /// Gets the type of the target when the wait began, or null when it was already collected. Only the type is
    /// kept: the waiter never holds the target itself, nor reads its values.
    /// </summary>
    public Type? TargetType { get; }

    /// <summary>Gets how long the wait took, forced collections included.</summary>
    public TimeSpan Elapsed { get; }

    /// <summary>Gets how many gen1 collections the wait forced.</summary>
    public int Gen1Collections { get; }

    /// <summary>Gets how many full (non-compacting) collections the wait forced.</summary>
    public int FullCollections { get; }

    /// <summary>Gets a value indicating whether pending finalizers did not finish within their bounded wait at least once.</summary>
    public bool FinalizersTimedOut { get; }
}
