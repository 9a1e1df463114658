using System;
using System.Runtime.InteropServices;

namespace LeakCheck.Runtime;

/// <summary>
/// The Linux boot clock (<c>clock_gettime(CLOCK_BOOTTIME)</c>, a vDSO call): the clock procfs times count on (a
/// process's start time is its value at the fork, in 10 ms steps), so a time read here compares with them directly,
/// with no offset to measure. Unavailable off Linux (<see cref="Now"/> returns 0).
/// </summary>
internal static class BootClock
{
    private const int ClockBootTime = 7;

    /// <summary>Gets a value indicating whether the clock could be read (checked once).</summary>
    public static bool IsAvailable { get; } = Probe();

    /// <summary>Gets the boot clock now, in nanoseconds (0 when unavailable).</summary>
    public static long Now()
    {
        if (!IsAvailable || clock_gettime(ClockBootTime, out var time) != 0)
        {
            return 0;
        }

        return (time.Seconds * 1_000_000_000L) + time.Nanoseconds;
    }

    private static bool Probe()
    {
        if (!OperatingSystem.IsLinux())
        {
            return false;
        }

        try
        {
            return clock_gettime(ClockBootTime, out var time) == 0 && time.Seconds > 0;
        }
        catch (Exception ex) when (ex is DllNotFoundException or EntryPointNotFoundException)
        {
            return false;
        }
    }

#pragma warning disable SA1300, IDE1006, CA5392, SYSLIB1054 // The libc entry point, as named there; a blittable signature.
    [DllImport("libc", SetLastError = false)]
    private static extern int clock_gettime(int clock, out TimeSpec time);
#pragma warning restore SA1300, IDE1006, CA5392, SYSLIB1054

    [StructLayout(LayoutKind.Sequential)]
    private struct TimeSpec
    {
        public long Seconds;
        public long Nanoseconds;
    }
}
