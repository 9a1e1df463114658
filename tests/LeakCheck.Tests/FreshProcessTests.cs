using System;
using System.Diagnostics;
using System.IO;
using FluentAssertions;
using Xunit;

namespace LeakCheck.Tests;

/// <summary>
/// Checks that need a process of their own (tests/Scenarios/LeakCheck.FreshProcess): a test host has always used
/// tasks and timers before a test begins, and some checks change process-wide state for good.
/// </summary>
public class FreshProcessTests
{
    [Fact]
    public void Probes_work_in_a_process_that_had_not_used_tasks_or_timers_before_the_first_scope()
    {
        var (exitCode, output) = Run();

        exitCode.Should().Be(0, output);
        output.Should().Contain("LeakCheck: 2 items created by fresh process are still alive after the test")
            .And.Contain("[1] Async method LeakCheck.FreshProcess.Program.WaitForever()")
            .And.Contain("[2] Timer System.Threading.Timer")
            .And.NotContain("unavailable");
    }

    [Fact]
    public void A_context_switch_handler_that_throws_turns_the_thread_probe_off_instead_of_ending_the_process()
    {
        var (exitCode, output) = Run("failfast-guard");

        exitCode.Should().Be(0, output);
        output.Should().Be(
            "survived\n" +
            "LeakCheck probe \"threads\" is unavailable on this runtime (it failed while the runtime notified a context switch: InvalidOperationException); its leaks are not checked in this run.\n");
    }

    [Fact]
    public void The_task_registry_is_on_only_while_a_scope_is_live_and_keeps_nothing_alive_afterwards()
    {
        var (exitCode, output) = Run("registry");

        exitCode.Should().Be(0, output);
        output.Should().Be("before: off\nduring: on\nclean: True\nafter: off\nabandoned method collected: True\nabandoned beside a live scope collected: True\n");
    }

    [Fact]
    public void Every_invalid_LEAKCHECK_variable_is_reported_together_when_a_scope_begins()
    {
        var (exitCode, output) = RunWith(
            new() { ["LEAKCHECK_MODE"] = "loud", ["LEAKCHECK_RETENTION"] = "maybe", ["LEAKCHECK_BASELINE"] = "keep" },
            "settings");

        exitCode.Should().Be(0, output);
        output.Should().Be(
            "LeakCheck configuration is invalid (LeakCheck environment variables):\n" +
            "- LEAKCHECK_MODE must be fail, warn or off (was \"loud\").\n" +
            "- LEAKCHECK_RETENTION must be on or off (was \"maybe\").\n" +
            "- LEAKCHECK_BASELINE must be use, record or off (was \"keep\").\n");
    }

    [Fact]
    public void System_Reactive_process_wide_timers_are_never_the_first_tests_but_its_own_interval_and_long_term_timer_are()
    {
        var (exitCode, output) = Run("rx");

        exitCode.Should().Be(0, output);
        output.Should().Be(
            "first Rx test, disposed: no leaks (ignored 1)\n"
            + "Rx test leaving an interval: Timer System.Threading.Timer due 00:01:00 after it was armed or last fired, period 00:01:00, "
            + "callback: System.Reactive.Concurrency.ConcurrencyAbstractionLayerImpl.PeriodicTimer..ctor(Object) (lambda), "
            + "state: System.Reactive.Concurrency.ConcurrencyAbstractionLayerImpl.PeriodicTimer (ignored 0)\n"
            + "Rx test leaving absolute-time work: Timer System.Threading.Timer due 00:59:5X after it was armed, fires once, "
            + "callback: System.Reactive.Concurrency.ConcurrencyAbstractionLayerImpl.Timer..ctor(Object) (lambda), "
            + "state: System.Reactive.Concurrency.ConcurrencyAbstractionLayerImpl.Timer (ignored 1)\n");
    }

    private static (int ExitCode, string Output) Run(params string[] arguments) => RunWith([], arguments);

    private static (int ExitCode, string Output) RunWith(System.Collections.Generic.Dictionary<string, string> environment, params string[] arguments)
    {
        var app = Path.Combine(AppContext.BaseDirectory, "LeakCheck.FreshProcess.dll");

        // The host that runs this test (dotnet test sets DOTNET_HOST_PATH), so that the check runs on the same runtime.
        var host = Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } path ? path : "dotnet";
        var start = new ProcessStartInfo(host) { RedirectStandardOutput = true, RedirectStandardError = true };
        start.Environment["LEAKCHECK_JSON"] = "off";
        foreach (var (name, value) in environment)
        {
            start.Environment[name] = value;
        }
        start.ArgumentList.Add(app);
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        var error = process.StandardError.ReadToEndAsync();
        var output = process.StandardOutput.ReadToEnd();
        process.WaitForExit(60_000).Should().BeTrue();
        var normalized = output.Replace("\r\n", "\n", StringComparison.Ordinal);

        // The run summary goes to standard error; a crash shows there too.
        return (process.ExitCode, process.ExitCode == 0 ? normalized : normalized + error.Result);
    }
}
