using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Reflection;
using LeakCheck.Configuration;

namespace LeakCheck.Run;

/// <summary>The run-level settings, from environment variables, with defaults next to the test project.</summary>
internal sealed record RunSettings(string Name, string ResultsDirectory, bool JsonReport, BaselineMode Baseline, string BaselinePath)
{
    public const string BaselineFileName = "leakcheck.baseline";

    /// <summary>Reads the settings; the problems of every variable are reported together.</summary>
    /// <param name="hostResultsDirectory">
    /// The results directory the test host chose (Microsoft.Testing.Platform's), used for the JSON report when
    /// <c>LEAKCHECK_RESULTS_DIR</c> is unset; null for the test project's <c>TestResults</c>.
    /// </param>
    /// <exception cref="LeakCheckConfigurationException">A variable has an invalid value.</exception>
    public static RunSettings FromEnvironment(string? hostResultsDirectory = null)
    {
        var project = FindProjectDirectory(AppContext.BaseDirectory);
        var home = project ?? AppContext.BaseDirectory;
        var name = project is null
            ? Assembly.GetEntryAssembly()?.GetName().Name ?? "tests"
            : Directory.EnumerateFiles(project, "*.*proj").Select(Path.GetFileNameWithoutExtension).OrderBy(n => n, StringComparer.Ordinal).First()!;

        var settings = LeakCheckSettings.Read();
        settings.ThrowIfInvalid();
        return new RunSettings(
            name,
            settings.ResultsDirectory ?? hostResultsDirectory ?? Path.Combine(home, "TestResults"),
            settings.Json,
            settings.Baseline,
            settings.BaselineFile ?? Path.Combine(home, BaselineFileName));
    }

    /// <summary>
    /// The test project's directory: the nearest folder above the test assembly (<c>bin/Release/net10.0</c>) that
    /// holds a project file; with the SDK's artifacts layout (<c>artifacts/bin/&lt;project&gt;/&lt;pivot&gt;</c>, where no
    /// project file is above the output) the folder of <c>&lt;project&gt;.*proj</c> under the folder that holds
    /// <c>artifacts</c>; null when the tests run from somewhere else (a published folder).
    /// </summary>
    public static string? FindProjectDirectory(string start)
    {
        try
        {
            for (var directory = new DirectoryInfo(start); directory is not null; directory = directory.Parent)
            {
                if (directory.EnumerateFiles("*.*proj").Any(f => IsProjectFile(f.Name)))
                {
                    return directory.FullName;
                }

                if (directory is { Name: "bin", Parent: { Name: "artifacts", Parent: { } root } } && ProjectNameBelow(directory, start) is { } name)
                {
                    return FindProject(root, name, depth: 4);
                }
            }
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or System.Security.SecurityException)
        {
            return null;
        }

        return null;
    }

    private static bool IsProjectFile(string fileName)
        => Path.GetExtension(fileName) is ".csproj" or ".fsproj" or ".vbproj";

    /// <summary>The folder right below <c>artifacts/bin</c> on the way to <paramref name="start"/>: the project's name.</summary>
    private static string? ProjectNameBelow(DirectoryInfo bin, string start)
    {
        var relative = Path.GetRelativePath(bin.FullName, start);
        var first = relative.Split(Path.DirectorySeparatorChar, Path.AltDirectorySeparatorChar)[0];
        return first is "" or "." or ".." ? null : first;
    }

    /// <summary>The folder of the project file named <paramref name="name"/>, searched breadth-first, skipping build output.</summary>
    private static string? FindProject(DirectoryInfo root, string name, int depth)
    {
        var level = new List<DirectoryInfo> { root };
        for (var i = 0; i <= depth && level.Count > 0; i++)
        {
            var next = new List<DirectoryInfo>();
            foreach (var directory in level)
            {
                if (directory.EnumerateFiles(name + ".*proj").Any(f => IsProjectFile(f.Name)))
                {
                    return directory.FullName;
                }

                next.AddRange(directory.EnumerateDirectories().Where(d => d.Name is not ("artifacts" or "bin" or "obj" or "node_modules") && !d.Name.StartsWith('.')));
            }

            level = next;
        }

        return null;
    }
}
