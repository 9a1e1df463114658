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

        // System.Reactive's default scheduler registers with the system clock when DefaultScheduler.Instance is first
        // created (Observable.Interval, Timer, Delay, Throttle...): a 30 s periodic cleanup timer for the rest of the
        // process. Verified with System.Reactive 6.1.0: FreshProcessTests (a clean first Rx test passes).
        Rule("createdBy:System.Reactive.PlatformServices.SystemClock.Register"),

        // System.Reactive's system-clock monitor: a 1 s periodic timer, one per process, armed while any absolute-time
        // work is queued (Observable.Timer(DateTimeOffset), long relative due times). The queued work keeps its own
        // timer, which is reported. Verified with System.Reactive 6.1.0: FreshProcessTests.
        Rule("createdBy:System.Reactive.PlatformServices.PeriodicTimerSystemClockMonitor"),
    ];

    private static DeclaredRule Rule(string text) => new(LeakIgnoreRule.Parse(text), "LeakCheck built-in");
}
