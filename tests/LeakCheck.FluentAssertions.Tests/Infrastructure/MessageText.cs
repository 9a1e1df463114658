using System.Text.RegularExpressions;

namespace LeakCheck.FluentAssertions.Tests.Infrastructure;

/// <summary>
/// Normalises what must vary between runs in a failure message, and nothing else: milliseconds (the settle time of
/// a report, the wait of <c>BeCollected</c>) become <c>N</c>, and source line numbers become <c>N</c>. Fingerprints
/// and counts of forced collections are stable by design and are compared as they are.
/// </summary>
public static partial class MessageText
{
    public static string Normalize(string text)
        => LineNumber().Replace(Milliseconds().Replace(text, "${prefix} N ms"), ":line N");

    [GeneratedRegex(@"(?<prefix>settled in|alive after) \d+ ms")]
    private static partial Regex Milliseconds();

    [GeneratedRegex(@":line \d+")]
    private static partial Regex LineNumber();
}
