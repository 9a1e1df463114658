using System;
using System.Threading.Tasks;
using Xunit.Sdk;

namespace LeakCheck.FluentAssertions.Tests.Infrastructure;

/// <summary>
/// Runs an assertion that must fail and returns the failure FluentAssertions raised for xUnit, normalised. A plain
/// try/catch rather than <c>Should().Throw()</c>, so that no outer assertion takes part in naming the subject.
/// </summary>
public static class Failures
{
    public static string Of(Action assertion)
    {
        try
        {
            assertion();
        }
        catch (XunitException failure)
        {
            return MessageText.Normalize(failure.Message);
        }

        throw new InvalidOperationException("The assertion passed; it was expected to fail.");
    }

    public static async Task<string> OfAsync(Func<Task> assertion)
    {
        try
        {
            await assertion();
        }
        catch (XunitException failure)
        {
            return MessageText.Normalize(failure.Message);
        }

        throw new InvalidOperationException("The assertion passed; it was expected to fail.");
    }
}
