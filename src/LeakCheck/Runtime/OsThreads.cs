using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Runtime.InteropServices;
using System.Threading;
using Microsoft.Win32.SafeHandles;

namespace LeakCheck.Runtime;

/// <summary>
/// The operating system's view of this process's threads, read from Linux procfs: the most recently created
/// process or thread id (<c>/proc/loadavg</c>, one read of a file kept open: about 3 µs), the ids of this process's
/// threads (<c>/proc/self/task</c>, listed only when a thread was created somewhere since the last look) and the id
/// of the current thread (<c>/proc/thread-self</c>). It tells the thread probe that a thread exists which has not run
/// managed code yet: <c>Thread.Start</c> returns once the new thread exists, before it switches into its creator's
/// execution context, where the probe records it. Checked once; unavailable on other systems.
/// </summary>
internal sealed class OsThreads
{
    private const string LoadAverage = "/proc/loadavg";
    private const string Tasks = "/proc/self/task";
    private const string ThreadSelf = "/proc/thread-self";
    private const string PidMax = "/proc/sys/kernel/pid_max";

    // The names (cut at 15 characters by the kernel) CoreCLR gives its service threads on Linux, checked against a
    // running process's /proc/self/task/*/comm.
    private static readonly string[] s_serviceThreadNames =
        [".NET BGC", ".NET Server GC", ".NET Tiered Com", ".NET Timer", ".NET TP Gate", ".NET EventPipe", ".NET Debugger", ".NET DebugPipe", ".NET SynchManag"];

    private static readonly Lazy<OsThreads> s_instance = new(static () => new OsThreads(), LazyThreadSafetyMode.ExecutionAndPublication);
    private readonly SafeFileHandle? _loadAverage;
    private readonly byte[] _buffer = new byte[256];
    private readonly object _lock = new();
    private readonly long _pidMax = 4_194_304;

    private OsThreads()
    {
        if (!OperatingSystem.IsLinux())
        {
            UnavailableReason = "the operating system has no procfs (Linux only)";
            return;
        }

        try
        {
            _loadAverage = File.OpenHandle(LoadAverage, FileMode.Open, FileAccess.Read);
            _pidMax = long.Parse(File.ReadAllText(PidMax).Trim(), CultureInfo.InvariantCulture);
            var current = CurrentThreadId();
            UnavailableReason = LastCreatedId() <= 0 ? LoadAverage + " has no last process id"
                : current is not { } id ? ThreadSelf + " does not name the current thread"
                : !ThreadIds().Contains(id) ? Tasks + " does not list the current thread"
                : null;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or FormatException or OverflowException)
        {
            UnavailableReason = "procfs could not be read: " + ex.GetType().Name;
        }
    }

    public static OsThreads Instance => s_instance.Value;

    public string? UnavailableReason { get; }

    public IReadOnlyList<string> Members { get; } = [LoadAverage + ": last created id", Tasks + ": thread ids and names (comm)", ThreadSelf + ": current thread id", PidMax + ": where ids wrap around"];

    /// <summary>
    /// Whether the process or thread id <paramref name="id"/> was handed out after <paramref name="earlier"/>: ids grow
    /// and wrap around at <c>pid_max</c>, so "after" is less than half the range ahead.
    /// </summary>
    public bool IsAfter(int id, int earlier)
    {
        var ahead = ((long)id - earlier + _pidMax) % _pidMax;
        return ahead != 0 && ahead < _pidMax / 2;
    }

    /// <summary>How many ids the kernel handed out from <paramref name="from"/> to <paramref name="to"/> (wrapping at <c>pid_max</c>).</summary>
    public long Distance(int from, int to) => ((long)to - from + _pidMax) % _pidMax;

    /// <summary>Gets how many ids there are before the kernel wraps around (pid_max).</summary>
    public long IdCount => _pidMax;

    /// <summary>The id the kernel handed out last, to any process or thread of this pid namespace (0 when unreadable).</summary>
    public int LastCreatedId()
    {
        lock (_lock)
        {
            var read = RandomAccess.Read(_loadAverage!, _buffer, 0);
            var end = read - 1;
            while (end >= 0 && !char.IsAsciiDigit((char)_buffer[end]))
            {
                end--;
            }

            var value = 0;
            var scale = 1;
            for (var i = end; i >= 0 && char.IsAsciiDigit((char)_buffer[i]); i--, scale *= 10)
            {
                value += (_buffer[i] - '0') * scale;
            }

            return value;
        }
    }

    /// <summary>
    /// The ids of this process's threads that were created after the kernel handed out <paramref name="after"/> and up to
    /// <paramref name="upTo"/> (two <see cref="LastCreatedId"/> readings): a few existence checks when few ids were handed
    /// out in between (machine-wide), else one read of the whole thread list.
    /// </summary>
    /// <param name="after">The id before the first one asked about.</param>
    /// <param name="upTo">The last id asked about.</param>
    /// <param name="known">Ids the caller knows to be this process's threads already: not looked up one by one.</param>
    public List<int> ThreadsCreatedBetween(int after, int upTo, Func<int, bool>? known = null)
    {
        var created = new List<int>();
        var count = Distance(after, upTo);
        if (count <= MaxIdsProbedOneByOne)
        {
            for (long i = 1; i <= count; i++)
            {
                var id = (int)((after + i) % _pidMax);
                if (known?.Invoke(id) == true || Exists(id))
                {
                    created.Add(id);
                }
            }

            return created;
        }

        foreach (var id in ThreadIds())
        {
            if (IsAfter(id, after) && !IsAfter(id, upTo))
            {
                created.Add(id);
            }
        }

        return created;
    }

    // Above this many ids handed out since the last look, listing the threads is cheaper than probing each id.
    private const int MaxIdsProbedOneByOne = 64;

    /// <summary>The ids of this process's threads now.</summary>
    public HashSet<int> ThreadIds()
    {
        var ids = new HashSet<int>();
        foreach (var path in Directory.EnumerateDirectories(Tasks))
        {
            if (int.TryParse(path.AsSpan(path.LastIndexOf('/') + 1), NumberStyles.None, CultureInfo.InvariantCulture, out var id))
            {
                ids.Add(id);
            }
        }

        return ids;
    }

    /// <summary>The name the operating system has for a thread of this process (its first 15 characters), or null.</summary>
    public static string? NameOf(int threadId)
    {
        try
        {
            using var handle = File.OpenHandle(Tasks + "/" + threadId.ToString(CultureInfo.InvariantCulture) + "/comm");
            Span<byte> buffer = stackalloc byte[64];
            var read = RandomAccess.Read(handle, buffer, 0);
            return System.Text.Encoding.UTF8.GetString(buffer[..read]).TrimEnd('\n');
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    /// <summary>
    /// Whether the operating system's name of a thread is one the runtime gives its own service threads, which never run
    /// user code (the background GC, the tiered compiler, the timer and gate threads of the thread pool, EventPipe, the
    /// debugger): a thread inherits its creator's name, so a thread with one of these names was started by the runtime
    /// itself. Names of threads that run user code (pool workers, long-running tasks, the finalizer) are not among them.
    /// </summary>
    public static bool IsRuntimeServiceThread(string name)
    {
        foreach (var service in s_serviceThreadNames)
        {
            if (name.StartsWith(service, StringComparison.Ordinal))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Whether a thread of this process with that id exists.</summary>
    public static bool Exists(int threadId) => Directory.Exists(Tasks + "/" + threadId.ToString(CultureInfo.InvariantCulture));

    /// <summary>
    /// The operating system's id of the calling thread, or null. Read once per thread (a thread keeps its id): from libc's
    /// <c>gettid</c> when it names the same thread <c>/proc/thread-self</c> does (checked once), else from that link.
    /// </summary>
    public static int? CurrentThreadId()
    {
        var cached = t_currentId;
        if (cached != 0)
        {
            return cached;
        }

        var id = s_gettidMatches ? gettid() : ThreadSelfId();
        if (id is > 0)
        {
            t_currentId = id.Value;
        }

        return id;
    }

    [ThreadStatic]
    private static int t_currentId;

    // gettid (glibc 2.30+) is a system call; reading the /proc/thread-self link costs a path lookup and two allocations.
    private static readonly bool s_gettidMatches = GettidMatches();

    private static bool GettidMatches()
    {
        try
        {
            return OperatingSystem.IsLinux() && ThreadSelfId() is { } expected && gettid() == expected;
        }
        catch (Exception ex) when (ex is DllNotFoundException or EntryPointNotFoundException or IOException or UnauthorizedAccessException)
        {
            return false;
        }
    }

    private static int? ThreadSelfId()
    {
        var target = new FileInfo(ThreadSelf).LinkTarget;
        var slash = target?.LastIndexOf('/') ?? -1;
        return slash >= 0 && int.TryParse(target.AsSpan(slash + 1), NumberStyles.None, CultureInfo.InvariantCulture, out var id) ? id : null;
    }

#pragma warning disable SA1300, IDE1006, CA5392, SYSLIB1054 // The libc entry point, as named there; a blittable signature.
    [DllImport("libc", SetLastError = false)]
    private static extern int gettid();
#pragma warning restore SA1300, IDE1006, CA5392, SYSLIB1054
}
