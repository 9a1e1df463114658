using System;

namespace LeakCheck.Settling;

/// <summary>The waits between looks at pending work: 5 ms, doubling up to 200 ms, never past what remains of the budget.</summary>
internal struct Backoff
{
    private static readonly TimeSpan s_first = TimeSpan.FromMilliseconds(5);
    private static readonly TimeSpan s_longest = TimeSpan.FromMilliseconds(200);
    private static readonly TimeSpan s_shortest = TimeSpan.FromMilliseconds(1);
    private TimeSpan _wait;

    /// <summary>The shortest wait: 1 ms, or what remains of the budget when that is less.</summary>
    public static TimeSpan Shortest(TimeSpan remaining) => s_shortest < remaining ? s_shortest : remaining;

    /// <summary>The next wait, at least 1 ms and at most <paramref name="remaining"/> (which must be positive: a negative sleep is an infinite one).</summary>
    public TimeSpan Next(TimeSpan remaining)
    {
        var wait = _wait == TimeSpan.Zero ? s_first : _wait;
        _wait = wait + wait < s_longest ? wait + wait : s_longest;
        var delay = wait < remaining ? wait : remaining;
        return delay < s_shortest ? s_shortest : delay;
    }
}
