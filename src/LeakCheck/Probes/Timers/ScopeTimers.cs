using System.Collections.Concurrent;
using System.Threading;

namespace LeakCheck.Probes.Timers;

/// <summary>The timer probe's per-scope state: the timers the scope armed, and the stack-capture budget.</summary>
internal sealed class ScopeTimers
{
    /// <summary>Timers get a creation stack for the first this-many a scope arms.</summary>
    public const int FullCaptureCount = 16;

    /// <summary>After the first ones, every this-many-th timer gets a creation stack.</summary>
    public const int SampleEvery = 16;

    public const string NotCapturedNote =
        "creation stack not captured: a test records it for the first 16 timers it arms and every 16th after that";

    private int _armed;

    public ConcurrentDictionary<int, TimerRecord> Armed { get; } = new();

    /// <summary>
    /// Decides whether this arming gets a stack walk (several microseconds each): the first ones always, then
    /// a deterministic one in <see cref="SampleEvery"/>, so a test that creates hundreds of timers stays cheap.
    /// </summary>
    public bool TakeStackTicket()
    {
        var n = Interlocked.Increment(ref _armed);
        return n <= FullCaptureCount || n % SampleEvery == 0;
    }
}
