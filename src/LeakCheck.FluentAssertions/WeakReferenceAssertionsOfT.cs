using System;
using System.Diagnostics;
using FluentAssertions;
using FluentAssertions.Primitives;

namespace LeakCheck.FluentAssertions;

/// <summary>
/// Assertions on a <see cref="WeakReference{T}"/>: whether its target gets garbage-collected.
/// </summary>
/// <typeparam name="T">The type of the target.</typeparam>
/// <remarks>
/// A strong reference anywhere keeps the target alive, including a local of the test method that the JIT keeps
/// alive until the method returns (always so in Debug builds). Create and use the object in a separate method that
/// is not inlined, or with <see cref="WeakReferences.Create{T}(Func{T})"/>, and keep only the weak reference.
/// </remarks>
[DebuggerNonUserCode]
[StackTraceHidden]
public sealed class WeakReferenceAssertions<T> : ReferenceTypeAssertions<WeakReference<T>, WeakReferenceAssertions<T>>
    where T : class
{
    /// <summary>Initializes a new instance of the <see cref="WeakReferenceAssertions{T}"/> class.</summary>
    /// <param name="subject">The weak reference to assert on.</param>
    public WeakReferenceAssertions(WeakReference<T> subject)
        : base(subject)
    {
    }

    /// <summary>Gets the name of the subject when the caller's expression is unknown.</summary>
    protected override string Identifier => CollectedAssertion.DefaultIdentifier;

    /// <inheritdoc cref="WeakReferenceAssertions.BeCollected(string, object[])"/>
    [CustomAssertion]
    public AndConstraint<WeakReferenceAssertions<T>> BeCollected(string because = "", params object[] becauseArgs)
        => BeCollected(CollectionWaiter.DefaultTimeout, because, becauseArgs);

    /// <inheritdoc cref="WeakReferenceAssertions.BeCollected(TimeSpan, string, object[])"/>
    [CustomAssertion]
    public AndConstraint<WeakReferenceAssertions<T>> BeCollected(TimeSpan timeout, string because = "", params object[] becauseArgs)
    {
        var subject = Subject;
        CollectedAssertion.Assert(subject is null, () => CollectionWaiter.WaitUntilCollected(subject!, timeout), because, becauseArgs);
        return new AndConstraint<WeakReferenceAssertions<T>>(this);
    }
}
