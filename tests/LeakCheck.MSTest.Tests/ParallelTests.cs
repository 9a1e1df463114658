using System.Linq;
using FluentAssertions;
using LeakCheck.MSTest.Tests.Infrastructure;
using Xunit;

namespace LeakCheck.MSTest.Tests;

/// <summary>
/// Ownership is per test under the scenario assembly's [Parallelize(Scope = MethodLevel)], and the same verdicts come
/// out of a serial run (RunConfiguration.DisableParallelization, which overrides the assembly attribute).
/// </summary>
public class ParallelTests
{
    [Fact]
    public void A_leaky_test_never_fails_a_clean_test_running_beside_it()
    {
        var leaky = Runs.Parallel.Result("ParallelPair", "Leaks_while_the_clean_test_runs");
        var clean = Runs.Parallel.Result("ParallelPair", "Runs_clean_beside_the_leaky_test");

        clean.Outcome.Should().Be("Passed", clean.Message);
        leaky.Outcome.Should().Be("Failed");
        ReportText.Normalize(leaky.Message).Should().Be(Runs.LeakFailure("ParallelPair",
            """
            LeakCheck: 1 item created by LeakCheck.MSTest.Scenarios.ParallelPair.Leaks_while_the_clean_test_runs is still alive after the test (settled in N ms; forced GCs: 1 gen1, 2 full).

            [1] Tracked object "parallel leak" (LeakCheck.MSTest.Scenarios.Session)
                created at:
                  LeakCheck.MSTest.Scenarios.ParallelPair.Leaks_while_the_clean_test_runs() in ParallelScenarios.cs:line N
                fingerprint: 5b9bbc86

            To accept a known leak, list its fingerprint in IgnoreFingerprints, for example [NoLeaks(IgnoreFingerprints = new[] { "5b9bbc86" })]; see README "Ignoring known leaks".
            """));
    }

    [Fact]
    public void A_serial_run_gives_every_test_the_same_verdict_and_message_as_the_parallel_run()
    {
        var parallel = Runs.Parallel.Results.Where(r => !r.ClassName.EndsWith(".ParallelPair", System.StringComparison.Ordinal))
            .Select(r => $"{r.ClassName}.{r.Name}: {r.Outcome}\n{ReportText.Normalize(r.Message)}\n{ReportText.Normalize(r.Output)}").ToList();
        var serial = Runs.Serial.Results
            .Select(r => $"{r.ClassName}.{r.Name}: {r.Outcome}\n{ReportText.Normalize(r.Message)}\n{ReportText.Normalize(r.Output)}").ToList();

        serial.Should().Equal(parallel);
        serial.Should().HaveCount(37);
    }
}
