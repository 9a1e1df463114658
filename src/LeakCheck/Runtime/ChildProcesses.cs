using System;
using System.Collections;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Reflection;

namespace LeakCheck.Runtime;

/// <summary>
/// The child processes this process started with <c>System.Diagnostics.Process</c> (Linux): the runtime keeps one
/// entry per child it has not reaped yet in <c>ProcessWaitState.s_childProcessWaitStates</c> (a
/// <c>Dictionary&lt;int, ProcessWaitState&gt;</c> keyed by pid, locked on itself), so a check pays one field read while
/// there is none. For each child procfs gives its state and start time (<c>/proc/&lt;pid&gt;/stat</c>: state, start time
/// in clock ticks since boot), its executable (<c>/proc/&lt;pid&gt;/exe</c>) and the thread that forked it
/// (<c>/proc/self/task/&lt;tid&gt;/children</c>). Nothing else of the child is read: never its arguments
/// (<c>cmdline</c>) or environment (<c>environ</c>).
/// </summary>
/// <remarks>
/// Clock ticks are 1/100 s (<c>USER_HZ</c>) of the boot clock: a start time says within 10 ms when the child was
/// forked, on the same clock <see cref="BootClock"/> reads.
/// </remarks>
internal sealed class ChildProcesses
{
    /// <summary>The kernel's clock ticks per second for procfs times (USER_HZ, 100 on every Linux architecture .NET runs on).</summary>
    public const int TicksPerSecond = 100;

    private static readonly Lazy<ChildProcesses> s_instance = new(static () => new ChildProcesses());

    private readonly FieldInfo? _children;

    private ChildProcesses()
    {
        var lookup = new MemberLookup();
        if (!OperatingSystem.IsLinux())
        {
            lookup.Missing("procfs (not Linux)");
        }
        else
        {
            var waitState = lookup.Type(typeof(System.Diagnostics.Process).Assembly, "System.Diagnostics.ProcessWaitState");
            if (waitState is not null)
            {
                _children = lookup.Field(waitState, "s_childProcessWaitStates", typeof(IDictionary));
            }

            if (!BootClock.IsAvailable)
            {
                lookup.Missing("clock_gettime(CLOCK_BOOTTIME) (not readable)");
            }

            lookup.Note("/proc/<pid>/stat: state, start time (clock ticks since boot, 1/100 s); /proc/<pid>/comm (exe when cut): name; /proc/self/task/<tid>/children: forking thread; clock: CLOCK_BOOTTIME");
        }

        Members = lookup.Resolved;
        UnavailableReason = lookup.UnavailableReason;
    }

    public static ChildProcesses Instance => s_instance.Value;

    public string? UnavailableReason { get; }

    public IReadOnlyList<string> Members { get; }

    /// <summary>Lists the pids of the children the runtime has started and not reaped yet; empty (one field read) when there are none.</summary>
    public List<int> Pids()
    {
        var pids = new List<int>();
        if (UnavailableReason is not null || _children!.GetValue(null) is not IDictionary children || children.Count == 0)
        {
            return pids;
        }

        lock (children)
        {
            foreach (var key in children.Keys)
            {
                pids.Add((int)key);
            }
        }

        return pids;
    }

    /// <summary>Reads a child's state: null when it is gone; otherwise whether it still runs (not a zombie) and when it started, in boot-clock seconds (the start of its 10 ms tick).</summary>
    public (bool Running, double Started)? Read(int pid)
    {
        try
        {
            var stat = File.ReadAllText("/proc/" + pid.ToString(CultureInfo.InvariantCulture) + "/stat");
            var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
            var running = fields[0] is not ("Z" or "X" or "x");
            var ticks = long.Parse(fields[19], CultureInfo.InvariantCulture);
            return (running, (double)ticks / TicksPerSecond);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or FormatException or IndexOutOfRangeException or ArgumentOutOfRangeException)
        {
            return null;
        }
    }

    /// <summary>
    /// Returns the name the child was started as (the kernel's <c>comm</c>: the executed file's name, 15 characters at
    /// most; completed from the executable's path when it was cut), never its arguments.
    /// </summary>
    public static string FileNameOf(int pid)
    {
        var root = "/proc/" + pid.ToString(CultureInfo.InvariantCulture);
        string? comm = null;
        try
        {
            comm = File.ReadAllText(root + "/comm").TrimEnd('\n');
            if (comm.Length >= 15 && new FileInfo(root + "/exe").LinkTarget is { Length: > 0 } target
                && Path.GetFileName(target) is { } file && file.StartsWith(comm, StringComparison.Ordinal))
            {
                return file;
            }
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
        }

        return string.IsNullOrEmpty(comm) ? "(unknown)" : comm;
    }

    /// <summary>Returns the id of this process's thread that forked <paramref name="pid"/>, or null when none of them did (anymore).</summary>
    public static int? ForkingThreadOf(int pid)
    {
        var wanted = pid.ToString(CultureInfo.InvariantCulture);
        try
        {
            foreach (var task in Directory.EnumerateDirectories("/proc/self/task"))
            {
                string children;
                try
                {
                    children = File.ReadAllText(task + "/children");
                }
                catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
                {
                    continue;
                }

                foreach (var child in children.Split(' ', StringSplitOptions.RemoveEmptyEntries))
                {
                    if (child == wanted)
                    {
                        return int.Parse(Path.GetFileName(task), CultureInfo.InvariantCulture);
                    }
                }
            }
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or FormatException)
        {
        }

        return null;
    }
}
