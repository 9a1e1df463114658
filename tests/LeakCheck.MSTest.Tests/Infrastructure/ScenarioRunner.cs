using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Threading.Tasks;
using System.Xml.Linq;

namespace LeakCheck.MSTest.Tests.Infrastructure;

/// <summary>
/// Runs the MSTest scenario assembly through the real pipeline: <c>dotnet test</c> on the built assembly (VSTest,
/// the MSTest adapter, a test host of its own), as a child process, with a TRX logger. The global test hooks under test
/// are the ones the package's build file compiled into the scenario assembly.
/// </summary>
public static class ScenarioRunner
{
    private static readonly XNamespace s_trx = "http://microsoft.com/schemas/VisualStudio/TeamTest/2010";

    /// <summary>Runs the scenarios whose fully qualified name matches <paramref name="filter"/> (VSTest filter syntax), or all of them.</summary>
    /// <param name="project">The scenario project (its built assembly's path is recorded in this assembly's metadata).</param>
    /// <param name="serial">Runs one test at a time (<c>RunConfiguration.DisableParallelization</c>, which overrides the assembly's [Parallelize]).</param>
    public static ScenarioRun Run(string project = "LeakCheck.MSTest.Scenarios", string? filter = null, bool serial = false, IReadOnlyDictionary<string, string>? environment = null)
    {
        var assembly = typeof(ScenarioRunner).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == project).Value!;
        var work = Directory.CreateTempSubdirectory("leakcheck-mstest-");
        try
        {
            var start = new ProcessStartInfo(DotnetHost())
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
                WorkingDirectory = work.FullName,
            };
            foreach (var argument in new[] { "test", assembly, "--logger", "trx;LogFileName=results.trx", "--results-directory", work.FullName })
            {
                start.ArgumentList.Add(argument);
            }

            if (filter is not null)
            {
                start.ArgumentList.Add("--filter");
                start.ArgumentList.Add(filter);
            }

            if (serial)
            {
                start.ArgumentList.Add("--");
                start.ArgumentList.Add("RunConfiguration.DisableParallelization=true");
            }

            foreach (var name in start.Environment.Keys.Where(k => k.StartsWith("LEAKCHECK_", StringComparison.Ordinal)).ToList())
            {
                start.Environment.Remove(name);
            }

            start.Environment["LEAKCHECK_RESULTS_DIR"] = work.FullName;
            foreach (var (name, value) in environment ?? new Dictionary<string, string>())
            {
                start.Environment[name] = value;
            }

            using var process = Process.Start(start)!;
            var stdout = process.StandardOutput.ReadToEndAsync();
            var stderr = process.StandardError.ReadToEndAsync();
            if (!process.WaitForExit(TimeSpan.FromSeconds(180)))
            {
                process.Kill(entireProcessTree: true);
                throw new TimeoutException("The scenario run did not finish within 180 seconds:\n" + stdout.Result);
            }

            Task.WaitAll(stdout, stderr);
            var console = stdout.Result + stderr.Result;
            var trx = Path.Combine(work.FullName, "results.trx");
            if (!File.Exists(trx))
            {
                throw new InvalidOperationException($"The scenario run wrote no results (exit code {process.ExitCode}):\n{console}");
            }

            // The report is completed (renamed from .json.writing to .json) when the test host exits, which VSTest may cut
            // short; every test's entry is in the file from the moment the test ended.
            var reports = Directory.GetFiles(work.FullName, "leakcheck-*.json*").Select(f => new JsonReport(Path.GetFileName(f), File.ReadAllText(f))).ToList();
            return new ScenarioRun(Parse(XDocument.Load(trx)), console, reports);
        }
        finally
        {
            work.Delete(recursive: true);
        }
    }

    private static List<ScenarioResult> Parse(XDocument trx)
    {
        var classes = trx.Descendants(s_trx + "UnitTest").ToDictionary(
            t => (string)t.Attribute("id")!,
            t => (string)t.Element(s_trx + "TestMethod")!.Attribute("className")!);
        return trx.Descendants(s_trx + "UnitTestResult")
            .Select(r => new ScenarioResult(
                classes[(string)r.Attribute("testId")!],
                (string)r.Attribute("testName")!,
                (string)r.Attribute("outcome")!,
                ((string?)r.Element(s_trx + "Output")?.Element(s_trx + "ErrorInfo")?.Element(s_trx + "Message") ?? string.Empty).ReplaceLineEndings("\n"),
                ((string?)r.Element(s_trx + "Output")?.Element(s_trx + "StdOut") ?? string.Empty).ReplaceLineEndings("\n")))
            .OrderBy(r => r.ClassName, StringComparer.Ordinal).ThenBy(r => r.Name, StringComparer.Ordinal)
            .ToList();
    }

    /// <summary>The dotnet muxer that runs this test host (dotnet test sets DOTNET_HOST_PATH), else the one on PATH.</summary>
    private static string DotnetHost()
        => Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host && File.Exists(host) ? host : "dotnet";
}
