using Xunit;

namespace LeakCheck.XunitV3;

/// <summary>
/// Where LeakCheck's text for a test goes when it does not fail the test (warn-mode reports, notices): the test's
/// output and an xUnit warning, so that runners show it for a passing test too. Never standard output, which is
/// the xUnit v3 test process's protocol channel.
/// </summary>
internal static class TestOutput
{
    public static void Write(string text)
    {
        if (text.Length == 0)
        {
            return;
        }

        var context = TestContext.Current;
        context.TestOutputHelper?.WriteLine(text);
        context.AddWarning(text);
    }
}
