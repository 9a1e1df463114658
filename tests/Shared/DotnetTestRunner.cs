using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Threading.Tasks;

// Linked into LeakCheck.XunitV3.Tests and LeakCheck.MSTest.Tests: both frameworks run under dotnet test in either mode.
namespace LeakCheck.TestSupport;

/// <summary>How <c>dotnet test</c> runs the scenario: the mode <c>global.json</c> chooses.</summary>
public enum DotnetTestMode
{
    /// <summary><c>"test": { "runner": "Microsoft.Testing.Platform" }</c>; the project is a Microsoft.Testing.Platform application.</summary>
    TestingPlatform,

    /// <summary>No runner in <c>global.json</c>; the project is a VSTest test project (its template decides how, from <c>LeakCheckDotnetTestMode</c>).</summary>
    VSTest,
}

/// <summary>
/// Runs <c>dotnet test</c> on a copy of a scenario folder (the test assembly's <c>LeakCheck.DotnetTest.Template</c>
/// metadata: tests/Scenarios/LeakCheck.XunitV3.DotnetTest or LeakCheck.MSTest.DotnetTest) in a fresh temporary folder
/// (outside the repository, so no Directory.Build.props and a global.json of its own), the way a user's suite
/// runs: restore, build and test in one command. The copy builds against the adapter as this test project was
/// built with it: every <c>LeakCheck.DotnetTest.Property.NAME</c> metadata value is passed as <c>-p:NAME=value</c>.
/// </summary>
public static class DotnetTestRunner
{
    public static DotnetTestRun Run(DotnetTestMode mode, params string[] arguments) => Run(mode, new Dictionary<string, string>(), arguments);

    /// <summary>Runs dotnet test; <c>{work}</c> in an argument or an environment value stands for the temporary folder.</summary>
    public static DotnetTestRun Run(DotnetTestMode mode, IReadOnlyDictionary<string, string> environment, params string[] arguments)
    {
        var work = Directory.CreateTempSubdirectory("leakcheck-dotnet-test-");
        try
        {
            var project = Path.Combine(work.FullName, "DotnetTestScenario");
            Directory.CreateDirectory(project);
            foreach (var file in Directory.GetFiles(Setting("Template")))
            {
                var name = Path.GetFileName(file);
                File.Copy(file, Path.Combine(project, name.EndsWith(".template", StringComparison.Ordinal) ? name[..^".template".Length] : name));
            }

            File.WriteAllText(Path.Combine(work.FullName, "global.json"), GlobalJson(mode));

            var start = new ProcessStartInfo(DotnetHost())
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
                WorkingDirectory = work.FullName,
            };
            start.ArgumentList.Add("test");
            if (mode == DotnetTestMode.TestingPlatform)
            {
                start.ArgumentList.Add("--project");
            }

            start.ArgumentList.Add(project);
            foreach (var (property, value) in Properties())
            {
                start.ArgumentList.Add($"-p:{property}={value}");
            }

            start.ArgumentList.Add("-p:LeakCheckDotnetTestMode=" + (mode == DotnetTestMode.VSTest ? "VSTest" : "MTP"));
            start.ArgumentList.Add("-p:UseSharedCompilation=false");
            foreach (var argument in arguments)
            {
                start.ArgumentList.Add(argument.Replace("{work}", work.FullName, StringComparison.Ordinal));
            }

            // Nothing of this test host's own run may reach the child: no LeakCheck setting, no MSBuild or VSTest state.
            foreach (var name in start.Environment.Keys.ToList())
            {
                if (name.StartsWith("LEAKCHECK_", StringComparison.OrdinalIgnoreCase) || name.StartsWith("MSBUILD", StringComparison.OrdinalIgnoreCase)
                    || name.StartsWith("VSTEST", StringComparison.OrdinalIgnoreCase) || name.StartsWith("TESTINGPLATFORM", StringComparison.OrdinalIgnoreCase))
                {
                    start.Environment.Remove(name);
                }
            }

            start.Environment["MSBUILDDISABLENODEREUSE"] = "1";
            start.Environment["DOTNET_CLI_USE_MSBUILD_SERVER"] = "0";
            start.Environment["DOTNET_NOLOGO"] = "1";
            foreach (var (name, value) in environment)
            {
                start.Environment[name] = value.Replace("{work}", work.FullName, StringComparison.Ordinal);
            }

            using var process = Process.Start(start)!;
            var stdout = process.StandardOutput.ReadToEndAsync();
            var stderr = process.StandardError.ReadToEndAsync();
            if (!process.WaitForExit(TimeSpan.FromSeconds(300)))
            {
                process.Kill(entireProcessTree: true);
                throw new TimeoutException("dotnet test did not finish within 300 seconds:\n" + stdout.Result);
            }

            Task.WaitAll(stdout, stderr);
            var reports = Directory.GetFiles(work.FullName, "leakcheck-*.json*", SearchOption.AllDirectories)
                .Order(StringComparer.Ordinal)
                .Select(path => new JsonReportFile(Path.GetRelativePath(work.FullName, path), JsonNode.Parse(File.ReadAllText(path))!))
                .ToList();
            return new DotnetTestRun(process.ExitCode, stdout.Result.ReplaceLineEndings("\n"), stderr.Result, work.FullName, reports);
        }
        finally
        {
            work.Delete(recursive: true);
        }
    }

    private static string GlobalJson(DotnetTestMode mode)
    {
        var global = JsonNode.Parse(File.ReadAllText(Setting("GlobalJson")))!.AsObject();
        if (mode == DotnetTestMode.TestingPlatform)
        {
            global["test"] = new JsonObject { ["runner"] = "Microsoft.Testing.Platform" };
        }

        return global.ToJsonString(new JsonSerializerOptions { WriteIndented = true });
    }

    private static string Setting(string name)
        => typeof(DotnetTestRunner).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == "LeakCheck.DotnetTest." + name).Value!;

    private static IEnumerable<(string Name, string Value)> Properties()
    {
        const string Prefix = "LeakCheck.DotnetTest.Property.";
        return typeof(DotnetTestRunner).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
            .Where(a => a.Key.StartsWith(Prefix, StringComparison.Ordinal))
            .OrderBy(a => a.Key, StringComparer.Ordinal)
            .Select(a => (a.Key[Prefix.Length..], a.Value!));
    }

    private static string DotnetHost()
        => Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host && File.Exists(host) ? host : "dotnet";
}

/// <summary>A LeakCheck JSON report the run left, by its path relative to the temporary folder.</summary>
public sealed record JsonReportFile(string RelativePath, JsonNode Content);

/// <summary>What <c>dotnet test</c> printed and left: its exit code, output (line endings normalised), and the LeakCheck JSON reports.</summary>
public sealed record DotnetTestRun(int ExitCode, string StandardOutput, string StandardError, string WorkDirectory, IReadOnlyList<JsonReportFile> Reports)
{
    /// <summary>The output with the temporary folder written as <c>{work}</c>.</summary>
    public string Output => StandardOutput.Replace(WorkDirectory, "{work}", StringComparison.Ordinal);
}
