using System;
using System.Diagnostics;
using System.Threading.Tasks;
using FluentAssertions;
using FluentAssertions.Specialized;

namespace LeakCheck.FluentAssertions;

/// <summary>
/// <c>NotLeak()</c> for actions and <c>NotLeakAsync()</c> for async functions: the delegate runs in a
/// <see cref="LeakScope"/> of its own, and the assertion fails with the LeakCheck report when it left tasks,
/// timers, blocked channel readers or tracked objects alive.
/// </summary>
/// <remarks>
/// <para>
/// The scope is named after the caller's expression (as FluentAssertions finds it, for example <c>act</c>), or
/// <c>action</c>/<c>async function</c> when it is unknown. It owns what the delegate creates, including work that
/// receives its execution context; work started before, or by tests running in parallel, is never blamed on it.
/// </para>
/// <para>
/// An exception thrown by the delegate propagates unchanged, and the scope is abandoned without a verdict. The
/// assertion fails only when the scope's effective mode is <see cref="LeakCheckMode.Fail"/>: with
/// <c>Mode = Warn</c>, or <c>LEAKCHECK_MODE=warn|off</c>, it passes, as <see cref="LeakScope.Verify"/> does.
/// Inside an <c>AssertionScope</c> the failure is collected like any other.
/// </para>
/// </remarks>
[StackTraceHidden]
public static class LeakAssertionExtensions
{
    /// <summary>Asserts that the action leaves nothing alive, with default <see cref="LeakCheckOptions"/>.</summary>
    /// <param name="assertions">The assertions of the action (<c>act.Should()</c>).</param>
    /// <param name="because">A phrase explaining why nothing may leak; "because" is prepended when missing.</param>
    /// <param name="becauseArgs">Values for the placeholders in <paramref name="because"/>.</param>
    /// <returns>A constraint to chain further assertions with <c>And</c>.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="assertions"/> is null.</exception>
    [CustomAssertion]
    public static AndConstraint<ActionAssertions> NotLeak(this ActionAssertions assertions, string because = "", params object[] becauseArgs)
        => NotLeak(assertions, new LeakCheckOptions(), because, becauseArgs);

    /// <summary>
    /// Asserts that the action leaves nothing alive: runs it in its own scope, ends the scope (settling synchronously
    /// as far as <see cref="LeakCheckOptions.SettleTimeout"/> allows) and fails with the report when it leaked.
    /// </summary>
    /// <param name="assertions">The assertions of the action (<c>act.Should()</c>).</param>
    /// <param name="options">The scope's settings (settle time-out, ignored fingerprints...).</param>
    /// <param name="because">A phrase explaining why nothing may leak; "because" is prepended when missing.</param>
    /// <param name="becauseArgs">Values for the placeholders in <paramref name="because"/>.</param>
    /// <returns>A constraint to chain further assertions with <c>And</c>.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="assertions"/> or <paramref name="options"/> is null.</exception>
    /// <exception cref="LeakCheckConfigurationException">The options or <c>LEAKCHECK_MODE</c> are invalid.</exception>
    [CustomAssertion]
    public static AndConstraint<ActionAssertions> NotLeak(this ActionAssertions assertions, LeakCheckOptions options, string because = "", params object[] becauseArgs)
    {
        ArgumentNullException.ThrowIfNull(assertions);
        ArgumentNullException.ThrowIfNull(options);
        var subject = LeakAssertion.SubjectName("action");
        LeakAssertion.Run(assertions.Subject, subject, options, because, becauseArgs);
        return new AndConstraint<ActionAssertions>(assertions);
    }

    /// <summary>Asserts that the async function leaves nothing alive, with default <see cref="LeakCheckOptions"/>.</summary>
    /// <param name="assertions">The assertions of the function (<c>act.Should()</c>).</param>
    /// <param name="because">A phrase explaining why nothing may leak; "because" is prepended when missing.</param>
    /// <param name="becauseArgs">Values for the placeholders in <paramref name="because"/>.</param>
    /// <returns>A constraint to chain further assertions with <c>And</c>.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="assertions"/> is null.</exception>
    [CustomAssertion]
    public static Task<AndConstraint<NonGenericAsyncFunctionAssertions>> NotLeakAsync(this NonGenericAsyncFunctionAssertions assertions, string because = "", params object[] becauseArgs)
        => NotLeakAsync(assertions, new LeakCheckOptions(), because, becauseArgs);

    /// <summary>
    /// Asserts that the async function leaves nothing alive: runs and awaits it in its own scope, ends the scope
    /// asynchronously (no thread blocked while settling) and fails with the report when it leaked.
    /// </summary>
    /// <param name="assertions">The assertions of the function (<c>act.Should()</c>).</param>
    /// <param name="options">The scope's settings (settle time-out, ignored fingerprints...).</param>
    /// <param name="because">A phrase explaining why nothing may leak; "because" is prepended when missing.</param>
    /// <param name="becauseArgs">Values for the placeholders in <paramref name="because"/>.</param>
    /// <returns>A constraint to chain further assertions with <c>And</c>.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="assertions"/> or <paramref name="options"/> is null.</exception>
    /// <exception cref="LeakCheckConfigurationException">The options or <c>LEAKCHECK_MODE</c> are invalid.</exception>
    [CustomAssertion]
    public static Task<AndConstraint<NonGenericAsyncFunctionAssertions>> NotLeakAsync(this NonGenericAsyncFunctionAssertions assertions, LeakCheckOptions options, string because = "", params object[] becauseArgs)
    {
        ArgumentNullException.ThrowIfNull(assertions);
        ArgumentNullException.ThrowIfNull(options);
        var subject = LeakAssertion.SubjectName("async function");
        return LeakAssertion.RunAsync(assertions.Subject, subject, options, because, becauseArgs, assertions);
    }

    /// <inheritdoc cref="NotLeakAsync(NonGenericAsyncFunctionAssertions, string, object[])"/>
    /// <typeparam name="T">The result type of the function; the result is ignored.</typeparam>
    [CustomAssertion]
    public static Task<AndConstraint<GenericAsyncFunctionAssertions<T>>> NotLeakAsync<T>(this GenericAsyncFunctionAssertions<T> assertions, string because = "", params object[] becauseArgs)
        => NotLeakAsync(assertions, new LeakCheckOptions(), because, becauseArgs);

    /// <inheritdoc cref="NotLeakAsync(NonGenericAsyncFunctionAssertions, LeakCheckOptions, string, object[])"/>
    /// <typeparam name="T">The result type of the function; the result is ignored.</typeparam>
    [CustomAssertion]
    public static Task<AndConstraint<GenericAsyncFunctionAssertions<T>>> NotLeakAsync<T>(this GenericAsyncFunctionAssertions<T> assertions, LeakCheckOptions options, string because = "", params object[] becauseArgs)
    {
        ArgumentNullException.ThrowIfNull(assertions);
        ArgumentNullException.ThrowIfNull(options);
        var subject = LeakAssertion.SubjectName("async function");
        return LeakAssertion.RunAsync(assertions.Subject, subject, options, because, becauseArgs, assertions);
    }

    /// <summary>
    /// Asserts that the <see cref="ValueTask"/>-returning function leaves nothing alive, with default
    /// <see cref="LeakCheckOptions"/>. FluentAssertions 6 has no assertions of its own for such functions, so
    /// <c>Should()</c> gives <see cref="FunctionAssertions{T}"/> of <see cref="ValueTask"/>.
    /// </summary>
    /// <inheritdoc cref="NotLeakAsync(NonGenericAsyncFunctionAssertions, string, object[])"/>
    [CustomAssertion]
    public static Task<AndConstraint<FunctionAssertions<ValueTask>>> NotLeakAsync(this FunctionAssertions<ValueTask> assertions, string because = "", params object[] becauseArgs)
        => NotLeakAsync(assertions, new LeakCheckOptions(), because, becauseArgs);

    /// <summary>Asserts that the <see cref="ValueTask"/>-returning function leaves nothing alive.</summary>
    /// <inheritdoc cref="NotLeakAsync(NonGenericAsyncFunctionAssertions, LeakCheckOptions, string, object[])"/>
    [CustomAssertion]
    public static Task<AndConstraint<FunctionAssertions<ValueTask>>> NotLeakAsync(this FunctionAssertions<ValueTask> assertions, LeakCheckOptions options, string because = "", params object[] becauseArgs)
    {
        ArgumentNullException.ThrowIfNull(assertions);
        ArgumentNullException.ThrowIfNull(options);
        var subject = LeakAssertion.SubjectName("async function");
        var function = assertions.Subject;
        return LeakAssertion.RunAsync(function is null ? null : () => function().AsTask(), subject, options, because, becauseArgs, assertions);
    }
}
