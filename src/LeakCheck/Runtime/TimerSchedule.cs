using System;

namespace LeakCheck.Runtime;

/// <summary>An armed timer's schedule as the runtime keeps it: due and period in milliseconds, and when it was armed or last fired.</summary>
/// <param name="DueMilliseconds">Due time after <paramref name="StartTicks"/>.</param>
/// <param name="PeriodMilliseconds">Period, or <see cref="uint.MaxValue"/> (or 0) for a one-shot timer.</param>
/// <param name="StartTicks">When it was armed or last fired, on the timer queue's clock.</param>
internal readonly record struct TimerSchedule(uint DueMilliseconds, uint PeriodMilliseconds, long StartTicks)
{
    /// <summary>How long from <paramref name="now"/> until the timer fires (zero when it is due).</summary>
    public TimeSpan UntilDue(long now)
    {
        var left = StartTicks + DueMilliseconds - now;
        return left <= 0 ? TimeSpan.Zero : TimeSpan.FromMilliseconds(left);
    }
}
