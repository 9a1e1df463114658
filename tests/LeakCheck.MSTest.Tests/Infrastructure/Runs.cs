using System;
using System.Linq;

namespace LeakCheck.MSTest.Tests.Infrastructure;

/// <summary>
/// The scenario runs the tests read, each made once per test process: every scenario with the assembly's method-level
/// parallelism, every scenario but the parallel pair one test at a time, and the assembly-level scenarios.
/// </summary>
public static class Runs
{
    private static readonly Lazy<ScenarioRun> s_parallel = new(() => ScenarioRunner.Run());
    private static readonly Lazy<ScenarioRun> s_serial = new(() => ScenarioRunner.Run(filter: "FullyQualifiedName!~ParallelPair", serial: true));
    private static readonly Lazy<ScenarioRun> s_assemblyLevel = new(() => ScenarioRunner.Run("LeakCheck.MSTest.Scenarios.AssemblyLevel"));

    public const string Namespace = "LeakCheck.MSTest.Scenarios";

    public static ScenarioRun Parallel => s_parallel.Value;

    public static ScenarioRun Serial => s_serial.Value;

    /// <summary>The scenario assembly that carries <c>[assembly: NoLeaks]</c>.</summary>
    public static ScenarioRun AssemblyLevel => s_assemblyLevel.Value;

    public static ScenarioResult Result(this ScenarioRun run, string className, string name = "Test")
        => run.Results.Single(r => r.ClassName == $"{Namespace}.{className}" && r.Name == name);

    /// <summary>The whole failure message of a test that leaked, as MSTest shows an exception of a global test cleanup.</summary>
    public static string LeakFailure(string className, string report)
        => $"TestCleanup method {Namespace}.{className}.LeakCheck threw exception. LeakCheck.LeakDetectedException: {report}.";
}
