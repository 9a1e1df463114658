using System;
using System.Diagnostics;
using System.Runtime.CompilerServices;
using System.Threading;
using LeakCheck.Engine;
using LeakCheck.Settling;

namespace LeakCheck;

/// <summary>
/// Waits, within a bounded time, for the target of a weak reference to be garbage-collected, forcing collections
/// only as far as needed. It backs assertions such as <c>weakReference.Should().BeCollected()</c>.
/// </summary>
/// <remarks>
/// <para>
/// Escalation, stopping as soon as the target is gone: nothing when it is already gone; one gen1 collection; one
/// non-compacting full collection with pending finalizers; then short sleeps (5 ms doubling to 200 ms) that add up
/// to the time-out, each followed by a full collection with finalizers. Collections never compact. The sleeps are
/// planned up front, so the number of forced collections depends on the time-out only; the time the collections
/// themselves take comes on top of it.
/// </para>
/// <para>
/// The calling thread blocks while it waits. A reference the caller still holds (a local of the calling method,
/// which the JIT may keep alive until the method returns, especially in Debug builds) keeps the target alive:
/// create and use the object in a separate method that is not inlined, and keep only the weak reference.
/// </para>
/// </remarks>
public static class CollectionWaiter
{
    /// <summary>The time-out used when none is given: one second, like <see cref="LeakCheckOptions.SettleTimeout"/>.</summary>
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(1);

    private static readonly TimeSpan s_shortestFinalizerWait = TimeSpan.FromMilliseconds(100);

    /// <summary>Waits until the target of <paramref name="reference"/> is collected or <paramref name="timeout"/> has passed.</summary>
    /// <param name="reference">The weak reference to watch; the waiter never takes a strong reference to its target.</param>
    /// <param name="timeout">The sum of the sleeps between forced collections; greater than zero and at most <see cref="LeakCheckOptions.MaxSettleTimeout"/>.</param>
    /// <returns>Whether the target was collected, how long it took and how many collections were forced.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="reference"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="timeout"/> is zero, negative or above five minutes.</exception>
    public static CollectionWaitResult WaitUntilCollected(WeakReference reference, TimeSpan timeout)
    {
        ArgumentNullException.ThrowIfNull(reference);
        return Wait(() => reference.IsAlive, () => TargetType(reference), timeout);
    }

    /// <inheritdoc cref="WaitUntilCollected(WeakReference, TimeSpan)"/>
    /// <typeparam name="T">The type of the target.</typeparam>
    public static CollectionWaitResult WaitUntilCollected<T>(WeakReference<T> reference, TimeSpan timeout)
        where T : class
    {
        ArgumentNullException.ThrowIfNull(reference);
        return Wait(() => reference.TryGetTarget(out _), () => TargetType(reference), timeout);
    }

    // Not inlined: the strong reference these take lives in their own frame only, which is gone when they return.
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static Type? TargetType(WeakReference reference) => reference.Target?.GetType();

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static Type? TargetType<T>(WeakReference<T> reference)
        where T : class
        => reference.TryGetTarget(out var target) ? target.GetType() : null;

    private static CollectionWaitResult Wait(Func<bool> isAlive, Func<Type?> targetType, TimeSpan timeout)
    {
        if (timeout <= TimeSpan.Zero || timeout > LeakCheckOptions.MaxSettleTimeout)
        {
            throw new ArgumentOutOfRangeException(nameof(timeout), timeout,
                "The time-out must be greater than zero and at most " + LeakCheckOptions.MaxSettleTimeout + ".");
        }

        var clock = Stopwatch.StartNew();
        var gen1 = 0;
        var full = 0;
        var finalizersTimedOut = false;
        var type = targetType();
        CollectionWaitResult Result(bool collected) => new(collected, type, clock.Elapsed, gen1, full, finalizersTimedOut);

        if (type is null)
        {
            return Result(true);
        }

        // While a scope is live the runtime's task registry is on and holds pending tasks strongly: what no scope
        // owns is taken out first, so that LeakCheck's own switch never keeps the target alive.
        Probes.ProbeRegistry.Tasks.ReleaseUnowned();
        ForcedCollection.Gen1();
        gen1++;
        if (!isAlive())
        {
            return Result(true);
        }

        var slept = TimeSpan.Zero;
        var backoff = default(Settling.Backoff);
        while (true)
        {
            var finalizerWait = timeout - slept > s_shortestFinalizerWait ? timeout - slept : s_shortestFinalizerWait;
            finalizersTimedOut |= !ForcedCollection.FullWithFinalizers(finalizerWait);
            full++;
            if (!isAlive())
            {
                return Result(true);
            }

            var remaining = timeout - slept;
            if (remaining <= TimeSpan.Zero)
            {
                return Result(false);
            }

            var delay = backoff.Next(remaining);
            Thread.Sleep(delay);
            slept += delay;
        }
    }
}
