using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Text;
using System.Threading.Tasks;
using System.Xml.Linq;

namespace LeakCheck.XunitV3.Tests.Infrastructure;

/// <summary>
/// Runs scenario classes through the real xUnit v3 pipeline: the scenario project is an xUnit v3 test executable,
/// started here as a child process with its in-process runner's own command line (<c>-class</c> filters,
/// <c>-parallelMode</c>, <c>-xml</c> results). A v3 test assembly cannot be loaded in this xUnit v2 process, and a
/// child process is exactly how <c>dotnet test</c> and <c>dotnet run</c> run it.
/// </summary>
public static class ScenarioRunner
{
    private static readonly string s_scenarioAssembly = typeof(ScenarioRunner).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
        .Single(a => a.Key == "LeakCheck.XunitV3.Scenarios").Value!;

    public static ScenarioRun Run(params string[] classes) => Run(new ScenarioOptions(), classes);

    public static ScenarioRun Run(ScenarioOptions options, params string[] classes)
    {
        var work = Directory.CreateTempSubdirectory("leakcheck-v3-");
        try
        {
            var xml = Path.Combine(work.FullName, "results.xml");
            var start = new ProcessStartInfo(DotnetHost())
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            };
            start.ArgumentList.Add(s_scenarioAssembly);
            foreach (var argument in new[] { "-noLogo", "-noColor", "-xml", xml, "-parallelMode", options.ParallelMode, "-parallelAlgorithm", options.ParallelAlgorithm, "-explicit", options.Explicit })
            {
                start.ArgumentList.Add(argument);
            }

            foreach (var name in classes)
            {
                start.ArgumentList.Add("-class");
                start.ArgumentList.Add("LeakCheck.XunitV3.Scenarios." + name);
            }

            start.Environment.Remove("LEAKCHECK_MODE");
            start.Environment["LEAKCHECK_RESULTS_DIR"] = work.FullName;
            foreach (var (name, value) in options.Environment)
            {
                start.Environment[name] = value;
            }

            using var process = Process.Start(start)!;
            var stdout = process.StandardOutput.ReadToEndAsync();
            var stderr = process.StandardError.ReadToEndAsync();
            if (!process.WaitForExit(TimeSpan.FromSeconds(120)))
            {
                process.Kill(entireProcessTree: true);
                throw new TimeoutException("The scenario run did not finish within 120 seconds:\n" + stdout.Result);
            }

            Task.WaitAll(stdout, stderr);
            if (!File.Exists(xml))
            {
                throw new InvalidOperationException($"The scenario run wrote no results (exit code {process.ExitCode}):\n{stdout.Result}\n{stderr.Result}");
            }

            var results = Parse(XDocument.Load(xml));
            var reports = Directory.GetFiles(work.FullName, "leakcheck-*.json").Select(File.ReadAllText).ToList();
            return new ScenarioRun(results, stdout.Result, stderr.Result, reports);
        }
        finally
        {
            work.Delete(recursive: true);
        }
    }

    private static List<ScenarioResult> Parse(XDocument results)
        => results.Descendants("test")
            .Select(test => new ScenarioResult(
                (string)test.Attribute("name")!,
                (string)test.Attribute("result")! switch
                {
                    "Pass" => ScenarioOutcome.Passed,
                    "Fail" => ScenarioOutcome.Failed,
                    "Skip" => ScenarioOutcome.Skipped,
                    _ => ScenarioOutcome.NotRun,
                },
                Failure(test),
                (string?)test.Element("output") ?? (string?)test.Element("reason") ?? string.Empty,
                test.Element("warnings")?.Elements("warning").Select(w => w.Value).ToList() ?? []))
            .OrderBy(r => r.DisplayName, StringComparer.Ordinal)
            .ToList();

    /// <summary>The failure as xUnit shows it: the message (which starts with the exception type) and inner exceptions.</summary>
    private static string Failure(XElement test) => Unescape((string?)test.Element("failure")?.Element("message") ?? string.Empty);

    /// <summary>
    /// Undoes the C-style escapes xUnit's XML writer puts into failure messages (<c>\"</c>, <c>\\</c>, <c>\t</c>,
    /// <c>\xHHHH</c>...; newlines are written as they are).
    /// </summary>
    private static string Unescape(string text)
    {
        var result = new StringBuilder(text.Length);
        for (var i = 0; i < text.Length; i++)
        {
            if (text[i] != '\\' || i + 1 == text.Length)
            {
                result.Append(text[i]);
                continue;
            }

            var next = text[++i];
            if (next == 'x' && i + 4 < text.Length)
            {
                result.Append((char)int.Parse(text.AsSpan(i + 1, 4), NumberStyles.HexNumber, CultureInfo.InvariantCulture));
                i += 4;
                continue;
            }

            result.Append(next switch
            {
                '0' => '\0',
                'a' => '\a',
                'b' => '\b',
                't' => '\t',
                'n' => '\n',
                'v' => '\v',
                'f' => '\f',
                'r' => '\r',
                _ => next,
            });
        }

        return result.ToString();
    }

    /// <summary>The dotnet muxer that runs this test host (dotnet test sets DOTNET_HOST_PATH), else the one on PATH.</summary>
    private static string DotnetHost()
        => Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host && File.Exists(host) ? host : "dotnet";
}

/// <summary>How to run the scenarios: xUnit v3's parallel mode and algorithm, and extra environment variables.</summary>
public sealed record ScenarioOptions
{
    public string ParallelMode { get; init; } = "collections";

    public string ParallelAlgorithm { get; init; } = "conservative";

    /// <summary>Gets xUnit's <c>-explicit</c> choice: <c>off</c> (explicit tests are not run, the default), <c>on</c> or <c>only</c>.</summary>
    public string Explicit { get; init; } = "off";

    public IReadOnlyDictionary<string, string> Environment { get; init; } = new Dictionary<string, string>();
}
