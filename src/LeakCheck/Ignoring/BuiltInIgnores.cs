namespace LeakCheck.Ignoring;

/// <summary>
/// Background work the runtime starts lazily on behalf of whatever code touches it first: it belongs to the
/// process, not to the test that happened to run first. Each entry says what it is and how it was verified;
/// the README lists them.
/// </summary>
internal static class BuiltInIgnores
{
    public static readonly DeclaredRule[] Rules =
    [
        // SocketsHttpHandler's connection-pool cleaning timer (15 s, re-armed while pools exist). A shared
        // static HttpClient arms it during the first test that sends a request. Verified: ExternalLibraryTests.
        Rule("createdBy:System.Net.Http.HttpConnectionPoolManager"),
    ];

    private static DeclaredRule Rule(string text) => new(LeakIgnoreRule.Parse(text), "LeakCheck built-in");
}
