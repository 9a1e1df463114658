using System.Diagnostics;
using NUnit.Framework;

namespace LeakCheck.NUnit.Scenarios;

/// <summary>A test that leaves a child process running, beside its clean twins (run in parallel or serially).</summary>
[NoLeaks(SettleTimeoutMilliseconds = 100)]
[Parallelizable(ParallelScope.Children)]
public sealed class ProcessScenarios
{
    /// <summary>The children the leaky test left, killed by the acceptance test once it has read the verdicts.</summary>
    public static System.Collections.Concurrent.ConcurrentBag<Process> Started { get; } = [];

    [Test]
    public void Leaves_a_child_process_running() => Started.Add(Process.Start("sleep", "60"));

    [Test]
    public void Waits_for_its_child()
    {
        using var child = Process.Start("true");
        child.WaitForExit();
    }

    [Test]
    public void Kills_its_child()
    {
        using var child = Process.Start("sleep", "60");
        child.Kill();
        child.WaitForExit();
    }
}
