using System;
using System.Diagnostics;
using System.Diagnostics.Contracts;

namespace LeakCheck.FluentAssertions;

/// <summary>
/// <c>Should()</c> for weak references, so that <c>weakReference.Should().BeCollected()</c> reads like any other
/// FluentAssertions assertion. Import <c>LeakCheck.FluentAssertions</c> beside <c>FluentAssertions</c>: these
/// overloads are more specific than FluentAssertions' <c>Should(this object)</c> and win.
/// </summary>
[StackTraceHidden]
public static class WeakReferenceAssertionExtensions
{
    /// <summary>Returns assertions on whether the target of <paramref name="reference"/> gets garbage-collected.</summary>
    /// <param name="reference">The weak reference; the assertions never take a strong reference to its target.</param>
    /// <returns>The assertions.</returns>
    [Pure]
    public static WeakReferenceAssertions Should(this WeakReference reference) => new(reference);

    /// <summary>Returns assertions on whether the target of <paramref name="reference"/> gets garbage-collected.</summary>
    /// <typeparam name="T">The type of the target.</typeparam>
    /// <param name="reference">The weak reference; the assertions never take a strong reference to its target.</param>
    /// <returns>The assertions.</returns>
    [Pure]
    public static WeakReferenceAssertions<T> Should<T>(this WeakReference<T> reference)
        where T : class
        => new(reference);
}
