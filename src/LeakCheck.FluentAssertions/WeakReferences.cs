using System;
using System.Runtime.CompilerServices;

namespace LeakCheck.FluentAssertions;

/// <summary>
/// Creates objects for <c>BeCollected</c> assertions without leaving a strong reference in the test method.
/// </summary>
public static class WeakReferences
{
    /// <summary>
    /// Runs <paramref name="factory"/> in a method of its own that is never inlined and returns only a weak reference
    /// to what it returned, so no local of the calling test keeps the object alive.
    /// </summary>
    /// <typeparam name="T">The type of the object.</typeparam>
    /// <param name="factory">Creates (and may use) the object; it must not be null and must not return null.</param>
    /// <returns>A weak reference to the object.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="factory"/> is null.</exception>
    /// <exception cref="InvalidOperationException"><paramref name="factory"/> returned null.</exception>
    /// <example>
    /// <code>
    /// var session = WeakReferences.Create(() =&gt; { var s = new Session(cache); s.Close(); return s; });
    /// session.Should().BeCollected("a closed session must not stay in the cache");
    /// </code>
    /// </example>
    /// <remarks>
    /// Anything the factory captures or stores (a field, a static, an event subscription) still keeps the object
    /// alive: that is what the assertion is there to find.
    /// </remarks>
    [MethodImpl(MethodImplOptions.NoInlining)]
    public static WeakReference<T> Create<T>(Func<T> factory)
        where T : class
    {
        ArgumentNullException.ThrowIfNull(factory);
        var target = factory() ?? throw new InvalidOperationException("The factory passed to WeakReferences.Create returned null.");
        return new WeakReference<T>(target);
    }
}
