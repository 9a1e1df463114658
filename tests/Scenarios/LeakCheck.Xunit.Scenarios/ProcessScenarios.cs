using System.Diagnostics;
using Xunit;

namespace LeakCheck.Xunit.Scenarios;

/// <summary>A test that starts a child process and leaves it running.</summary>
[NoLeaks(SettleTimeoutMilliseconds = 100)]
public sealed class LeakyProcesses
{
    /// <summary>The children the leaky scenario left, killed by the acceptance test once it has read the verdicts.</summary>
    public static System.Collections.Concurrent.ConcurrentBag<Process> Started { get; } = [];

    [Fact]
    public void Leaves_a_child_process_running() => Started.Add(Process.Start("sleep", "60"));
}

/// <summary>The clean twins, run beside the leaky one: a child waited for, and one killed.</summary>
[NoLeaks(SettleTimeoutMilliseconds = 100)]
public sealed class CleanProcesses
{
    [Fact]
    public void Waits_for_its_child()
    {
        using var child = Process.Start("true");
        child.WaitForExit();
    }

    [Fact]
    public void Kills_its_child()
    {
        using var child = Process.Start("sleep", "60");
        child.Kill();
        child.WaitForExit();
    }
}
