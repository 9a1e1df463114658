using System;
using System.Diagnostics;
using System.Threading.Tasks;
using FluentAssertions;
using FluentAssertions.Execution;

namespace LeakCheck.FluentAssertions;

/// <summary>
/// Runs a delegate in its own <see cref="LeakScope"/> and turns the report into a FluentAssertions failure.
/// </summary>
[StackTraceHidden]
internal static class LeakAssertion
{
    /// <summary>
    /// The caller's expression (<c>act</c> in <c>act.Should().NotLeak()</c>), found the way FluentAssertions finds
    /// it, or <paramref name="fallback"/>. It must be called on the caller's stack, before any await: after one,
    /// the caller's frame is gone.
    /// </summary>
    [CustomAssertion]
    public static string SubjectName(string fallback)
    {
        var identity = CallerIdentifier.DetermineCallerIdentity();
        return string.IsNullOrWhiteSpace(identity) ? fallback : identity;
    }

    [CustomAssertion]
    public static void Run(Action? action, string subject, LeakCheckOptions options, string because, object[] becauseArgs)
    {
        if (!NotNull(action, subject, because, becauseArgs))
        {
            return;
        }

        Infrastructure.Register();
        var scope = LeakScope.Begin(subject, options);
        try
        {
            action!();
        }
        catch
        {
            scope.Dispose();
            throw;
        }

        Verdict(scope.End(), subject, because, becauseArgs);
    }

    [CustomAssertion]
    public static async Task<AndConstraint<TAssertions>> RunAsync<TAssertions>(Func<Task>? function, string subject, LeakCheckOptions options,
        string because, object[] becauseArgs, TAssertions assertions)
    {
        if (!NotNull(function, subject, because, becauseArgs))
        {
            return new AndConstraint<TAssertions>(assertions);
        }

        // Begun inside this async method, the scope is current for the function and its continuations only; the
        // caller's execution context never sees it.
        Infrastructure.Register();
        var scope = LeakScope.Begin(subject, options);
        try
        {
            var task = function!() ?? throw new InvalidOperationException("The async function returned null instead of a task.");
            await task.ConfigureAwait(false);
        }
        catch
        {
            scope.Dispose();
            throw;
        }

        var report = await scope.EndAsync().ConfigureAwait(false);
        Verdict(report, subject, because, becauseArgs);
        return new AndConstraint<TAssertions>(assertions);
    }

    [CustomAssertion]
    private static bool NotNull(Delegate? subject, string name, string because, object[] becauseArgs)
        => Execute.Assertion
            .BecauseOf(because, becauseArgs)
            .ForCondition(subject is not null)
            .FailWith(CollectedAssertion.Escape("Expected " + Identify(name) + " not to leak") + "{reason}, but found <null>.");

    /// <summary>
    /// One header line in FluentAssertions' words, then the whole LeakCheck report. The report goes in as an
    /// argument (its <c>ToString()</c> is the report text), so nothing in it is read as a placeholder.
    /// </summary>
    [CustomAssertion]
    private static void Verdict(LeakReport report, string subject, string because, object[] becauseArgs)
    {
        var count = report.Items.Count;
        Execute.Assertion
            .BecauseOf(because, becauseArgs)
            .ForCondition(report.Verdict != LeakVerdict.Fail)
            .FailWith(
                CollectedAssertion.Escape("Expected " + Identify(subject) + " not to leak") + "{reason}, but it left "
                    + count + (count == 1 ? " item" : " items") + " alive:\n{0}",
                report);
    }

    /// <summary>A named <c>AssertionScope</c> names the subject, as it does for FluentAssertions' own assertions.</summary>
    private static string Identify(string subject)
        => AssertionScope.Current.Context?.Value is { Length: > 0 } context ? context : subject;
}
