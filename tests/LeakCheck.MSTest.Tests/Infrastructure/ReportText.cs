using System.Text.RegularExpressions;

namespace LeakCheck.MSTest.Tests.Infrastructure;

/// <summary>
/// Normalises what must vary between runs in a report, and nothing else: the settle time in milliseconds
/// becomes <c>N</c>, and source line numbers become <c>N</c> (so that editing a scenario file does not break
/// every message test). Fingerprints are stable by design and are compared as they are.
/// </summary>
public static partial class ReportText
{
    public static string Normalize(string text)
        => LineNumber().Replace(SettledMilliseconds().Replace(text.ReplaceLineEndings("\n"), "settled in N ms"), ":line N");

    [GeneratedRegex(@"settled in \d+ ms")]
    private static partial Regex SettledMilliseconds();

    [GeneratedRegex(@":line \d+")]
    private static partial Regex LineNumber();
}
