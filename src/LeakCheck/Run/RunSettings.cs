using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Reflection;

namespace LeakCheck.Run;

/// <summary>What LeakCheck does with a run's reports: where the JSON file goes, and what the baseline does.</summary>
internal enum BaselineMode
{
    /// <summary>Leaks listed in the baseline file (when it exists) do not fail tests.</summary>
    Use,

    /// <summary>Every leak of the run is written to the baseline file at the end; leaks do not fail tests.</summary>
    Record,

    /// <summary>The baseline file is not read.</summary>
    Off,
}

/// <summary>The run-level settings, from environment variables, with defaults next to the test project.</summary>
internal sealed record RunSettings(string Name, string ResultsDirectory, bool JsonReport, BaselineMode Baseline, string BaselinePath)
{
    public const string BaselineFileName = "leakcheck.baseline";

    /// <summary>Reads the settings; the problems of every variable are reported together.</summary>
    /// <exception cref="LeakCheckConfigurationException">A variable has an invalid value.</exception>
    public static RunSettings FromEnvironment()
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
            settings.ResultsDirectory ?? Path.Combine(home, "TestResults"),
            settings.Json,
            settings.Baseline,
            settings.BaselineFile ?? Path.Combine(home, BaselineFileName));
    }

    /// <summary>
    /// The test project's directory: the nearest folder above the test assembly (<c>bin/Release/net10.0</c>) that
    /// holds a project file, or null when the tests run from somewhere else (a published folder).
    /// </summary>
    public static string? FindProjectDirectory(string start)
    {
        for (var directory = new DirectoryInfo(start); directory is not null; directory = directory.Parent)
        {
            try
            {
                if (directory.EnumerateFiles("*.*proj").Any(f => f.Extension is ".csproj" or ".fsproj" or ".vbproj"))
                {
                    return directory.FullName;
                }
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or System.Security.SecurityException)
            {
                return null;
            }
        }

        return null;
    }
}
