using System;
using System.Diagnostics;
using FluentAssertions;
using FluentAssertions.Primitives;

namespace LeakCheck.FluentAssertions;

/// <summary>
/// Assertions on a <see cref="WeakReference"/>: whether its target gets garbage-collected.
/// </summary>
/// <remarks>
/// A strong reference anywhere keeps the target alive, including a local of the test method that the JIT keeps
/// alive until the method returns (always so in Debug builds). Create and use the object in a separate method that
/// is not inlined, or with <see cref="WeakReferences.Create{T}(Func{T})"/>, and keep only the weak reference.
/// </remarks>
[DebuggerNonUserCode]
[StackTraceHidden]
public sealed class WeakReferenceAssertions : ReferenceTypeAssertions<WeakReference, WeakReferenceAssertions>
{
    /// <summary>Initializes a new instance of the <see cref="WeakReferenceAssertions"/> class.</summary>
    /// <param name="subject">The weak reference to assert on.</param>
    public WeakReferenceAssertions(WeakReference subject)
        : base(subject)
    {
    }

    /// <summary>Gets the name of the subject when the caller's expression is unknown.</summary>
    protected override string Identifier => CollectedAssertion.DefaultIdentifier;

    /// <summary>
    /// Asserts that the target is garbage-collected within <see cref="CollectionWaiter.DefaultTimeout"/> (one
    /// second), forcing collections as far as needed; see <see cref="BeCollected(TimeSpan, string, object[])"/>.
    /// </summary>
    /// <param name="because">A phrase explaining why the target must be collected; "because" is prepended when missing.</param>
    /// <param name="becauseArgs">Values for the placeholders in <paramref name="because"/>.</param>
    /// <returns>A constraint to chain further assertions with <c>And</c>.</returns>
    [CustomAssertion]
    public AndConstraint<WeakReferenceAssertions> BeCollected(string because = "", params object[] becauseArgs)
        => BeCollected(CollectionWaiter.DefaultTimeout, because, becauseArgs);

    /// <summary>
    /// Asserts that the target is garbage-collected within <paramref name="timeout"/>. Passes as soon as the target is
    /// gone; otherwise forces one gen1 collection, then one non-compacting full collection with finalizers, then
    /// short sleeps that add up to <paramref name="timeout"/>, each followed by a full collection
    /// (<see cref="CollectionWaiter"/>).
    /// </summary>
    /// <param name="timeout">The sum of the sleeps between forced collections; greater than zero and at most five minutes.</param>
    /// <param name="because">A phrase explaining why the target must be collected; "because" is prepended when missing.</param>
    /// <param name="becauseArgs">Values for the placeholders in <paramref name="because"/>.</param>
    /// <returns>A constraint to chain further assertions with <c>And</c>.</returns>
    /// <remarks>
    /// The failure message names the type of the target, how long the wait took and how many collections it forced;
    /// never the target's values or <c>ToString()</c>, which can hold secrets.
    /// </remarks>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="timeout"/> is zero, negative or above five minutes.</exception>
    [CustomAssertion]
    public AndConstraint<WeakReferenceAssertions> BeCollected(TimeSpan timeout, string because = "", params object[] becauseArgs)
    {
        var subject = Subject;
        CollectedAssertion.Assert(subject is null, () => CollectionWaiter.WaitUntilCollected(subject!, timeout), because, becauseArgs);
        return new AndConstraint<WeakReferenceAssertions>(this);
    }
}
