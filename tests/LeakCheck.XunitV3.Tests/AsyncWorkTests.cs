using System.Linq;
using FluentAssertions;
using LeakCheck.XunitV3.Tests.Infrastructure;
using Xunit;

namespace LeakCheck.XunitV3.Tests;

/// <summary>Pending async work and its clean counterparts through the real xUnit v3 runner.</summary>
public class AsyncWorkTests
{
    private static readonly ScenarioRun s_run = ScenarioRunner.Run("LeakyAsyncWork", "CleanAsyncWork");

    private static ScenarioResult Result(string className, string method)
        => s_run.Results.Single(r => r.DisplayName == $"LeakCheck.XunitV3.Scenarios.{className}.{method}");

    [Fact]
    public void Async_method_awaiting_a_semaphore_nobody_releases_is_reported()
    {
        var result = Result("LeakyAsyncWork", "Async_method_awaiting_a_semaphore_nobody_releases");

        result.Outcome.Should().Be(ScenarioOutcome.Failed);
        ReportText.Normalize(result.Failure).Should().Be(
            """
            LeakCheck.LeakDetectedException : LeakCheck: 1 item created by LeakCheck.XunitV3.Scenarios.LeakyAsyncWork.Async_method_awaiting_a_semaphore_nobody_releases is still alive after the test (settled in N ms; forced GCs: 1 gen1, 2 full).

            [1] Async method LeakCheck.XunitV3.Scenarios.LeakyAsyncWork.WaitForSignal(CancellationToken)
                waiting at await #1: SemaphoreSlim.WaitAsync
                created at:
                  LeakCheck.XunitV3.Scenarios.LeakyAsyncWork.WaitForSignal(CancellationToken) in AsyncWorkScenarios.cs:line N
                  LeakCheck.XunitV3.Scenarios.LeakyAsyncWork.Async_method_awaiting_a_semaphore_nobody_releases() in AsyncWorkScenarios.cs:line N
                fingerprint: 9cf6f557

            To accept a known leak, list its fingerprint in IgnoreFingerprints, for example [NoLeaks(IgnoreFingerprints = new[] { "9cf6f557" })]; see README "Ignoring known leaks".
            """);
    }

    [Fact]
    public void Awaited_work_is_not_a_leak_passes()
        => Result("CleanAsyncWork", "Awaited_work_is_not_a_leak").Outcome.Should().Be(ScenarioOutcome.Passed);

    [Fact]
    public void Short_fire_and_forget_finishes_while_settling_passes()
        => Result("CleanAsyncWork", "Short_fire_and_forget_finishes_while_settling").Outcome.Should().Be(ScenarioOutcome.Passed);
}
