using System;

namespace LeakCheck.Settling;

/// <summary>
/// The waits between looks at pending work: 5 ms, doubling up to 200 ms (<see cref="StartingShort"/>: 1 ms, doubling up
/// to 16 ms), never past what remains of the budget.
/// </summary>
internal struct Backoff
{
    private static readonly TimeSpan s_first = TimeSpan.FromMilliseconds(5);
    private static readonly TimeSpan s_longest = TimeSpan.FromMilliseconds(200);
    private static readonly TimeSpan s_shortest = TimeSpan.FromMilliseconds(1);
    private static readonly TimeSpan s_longestShort = TimeSpan.FromMilliseconds(16);
    private TimeSpan _wait;
    private TimeSpan _longest;

    /// <summary>
    /// Gets a backoff for what normally resolves within a millisecond and otherwise ends at a deadline of its own (a
    /// thread that has not run managed code yet): it starts at 1 ms and stays short, so the deadline is not overshot.
    /// </summary>
    public static Backoff StartingShort => new() { _wait = s_shortest, _longest = s_longestShort };

    /// <summary>The next wait, at least 1 ms and at most <paramref name="remaining"/> (which must be positive: a negative sleep is an infinite one).</summary>
    public TimeSpan Next(TimeSpan remaining)
    {
        var wait = _wait == TimeSpan.Zero ? s_first : _wait;
        var longest = _longest == TimeSpan.Zero ? s_longest : _longest;
        _wait = wait + wait < longest ? wait + wait : longest;
        var delay = wait < remaining ? wait : remaining;
        return delay < s_shortest ? s_shortest : delay;
    }
}
