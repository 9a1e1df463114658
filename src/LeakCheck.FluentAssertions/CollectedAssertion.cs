using System;
using System.Diagnostics;
using System.Globalization;
using FluentAssertions;
using FluentAssertions.Execution;
using LeakCheck.Adapters;

namespace LeakCheck.FluentAssertions;

/// <summary>The verdict and message of <c>BeCollected</c>, shared by the weak reference assertion classes.</summary>
[StackTraceHidden]
internal static class CollectedAssertion
{
    public const string DefaultIdentifier = "weak reference";

    [CustomAssertion]
    public static void Assert(bool subjectIsNull, Func<CollectionWaitResult> wait, string because, object[] becauseArgs)
    {
        bool notNull = Execute.Assertion
            .BecauseOf(because, becauseArgs)
            .ForCondition(!subjectIsNull)
            .FailWith("Expected {context:" + DefaultIdentifier + "} to be collected{reason}, but found <null>.");
        if (!notNull)
        {
            return;
        }

        var result = wait();
        Execute.Assertion
            .BecauseOf(because, becauseArgs)
            .ForCondition(result.IsCollected)
            .FailWith(FailureMessage(result));
    }

    /// <summary>
    /// The message after the verdict: the target's type (never its values), and what the wait tried. Everything but
    /// the placeholders is escaped, so a type name with braces cannot be read as one.
    /// </summary>
    private static string FailureMessage(CollectionWaitResult result)
    {
        var type = result.TargetType is { } t ? LeakCheckHost.TypeName(t) : "object";
        var tried = string.Format(CultureInfo.InvariantCulture, ", but its target ({0}) was still alive after {1} ms (forced GCs: {2} gen1, {3} full).",
            type, (long)result.Elapsed.TotalMilliseconds, result.Gen1Collections, result.FullCollections);
        var finalizers = result.FinalizersTimedOut ? " Finalizers did not finish within the time-out." : string.Empty;
        return "Expected {context:" + DefaultIdentifier + "} to be collected{reason}" + Escape(tried + finalizers);
    }

    internal static string Escape(string text)
        => text.Replace("{", "{{", StringComparison.Ordinal).Replace("}", "}}", StringComparison.Ordinal);
}
