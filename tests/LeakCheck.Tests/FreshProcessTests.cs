using System;
using System.Diagnostics;
using System.IO;
using FluentAssertions;
using Xunit;

namespace LeakCheck.Tests;

/// <summary>
/// A test host has always used tasks and timers before a test begins; a fresh process has not, and the
/// runtime creates its event sources lazily. This runs such a process and checks both probes still work.
/// </summary>
public class FreshProcessTests
{
    [Fact]
    public void Probes_work_in_a_process_that_had_not_used_tasks_or_timers_before_the_first_scope()
    {
        var app = Path.Combine(AppContext.BaseDirectory, "LeakCheck.FreshProcess.dll");
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(app);
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEnd();
        process.WaitForExit(60_000).Should().BeTrue();

        output.Should().Contain("LeakCheck: 2 items created by fresh process are still alive after the test")
            .And.Contain("[1] Async method LeakCheck.FreshProcess.Program.WaitForever()")
            .And.Contain("[2] Timer System.Threading.Timer")
            .And.NotContain("unavailable");
    }
}
