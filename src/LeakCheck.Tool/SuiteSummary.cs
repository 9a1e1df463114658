using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text;
using System.Text.Json;

namespace LeakCheck.Tool;

internal enum ProjectStatus
{
    /// <summary>The tool added the adapter and [assembly: NoLeaks].</summary>
    Checked,

    /// <summary>The project already references a LeakCheck adapter: left as it is.</summary>
    OwnLeakCheck,

    /// <summary>A test project of a framework LeakCheck has no adapter for.</summary>
    Unchecked,
}

internal sealed record ProjectResult(string Name, string Path, ProjectStatus Status, string Adapter, IReadOnlyList<string> TargetFrameworks);

internal sealed record LeakingTest(string Test, long SettleMilliseconds, int Leaks);

internal sealed record Creator(string Frame, int Tests, int Leaks);

/// <summary>What a <c>dotnet leakcheck test</c> run found, read from the projects' records and the JSON reports.</summary>
internal sealed record SuiteResult(
    string Mode,
    IReadOnlyList<ProjectResult> Projects,
    long Checked,
    IReadOnlyList<LeakingTest> LeakingTests,
    IReadOnlyList<(string Kind, int Count)> Kinds,
    IReadOnlyList<Creator> Creators,
    IReadOnlyList<string> Reports,
    IReadOnlyList<string> UnreadableReports);

/// <summary>Reads a run's results and builds its summary text, in one place, in a deterministic order.</summary>
internal static class SuiteSummary
{
    private const int MaxCreators = 5;
    private const int MaxSlowest = 5;

    private static readonly Dictionary<string, string> s_frameworkNames = new(StringComparer.Ordinal)
    {
        ["Xunit"] = "xUnit v2",
        ["XunitV3"] = "xUnit v3",
        ["NUnit"] = "NUnit",
        ["MSTest"] = "MSTest",
    };

    public static IEnumerable<string> ReportsIn(string folder)
        => Directory.Exists(folder) ? Directory.EnumerateFiles(folder, "leakcheck-*.json") : [];

    public static SuiteResult Read(string projectRecords, IEnumerable<string> reports, string mode)
    {
        var projects = Directory.EnumerateFiles(projectRecords, "*.txt")
            .SelectMany(File.ReadAllLines)
            .Select(line => line.Split('\t'))
            .Where(fields => fields.Length == 4)
            .GroupBy(fields => fields[2], StringComparer.Ordinal)
            .Select(g => new ProjectResult(
                System.IO.Path.GetFileNameWithoutExtension(g.Key),
                g.Key,
                g.First()[0] switch { "checked" => ProjectStatus.Checked, "own" => ProjectStatus.OwnLeakCheck, _ => ProjectStatus.Unchecked },
                g.First()[1],
                [.. g.Select(f => f[3]).Where(t => t.Length > 0).Distinct().Order(StringComparer.Ordinal)]))
            .OrderBy(p => p.Name, StringComparer.Ordinal).ThenBy(p => p.Path, StringComparer.Ordinal)
            .ToList();

        long checkedScopes = 0;
        var leaking = new List<LeakingTest>();
        var kinds = new Dictionary<string, int>(StringComparer.Ordinal);
        var creators = new Dictionary<string, (HashSet<string> Tests, int Leaks)>(StringComparer.Ordinal);
        var read = new List<string>();
        var unreadable = new List<string>();
        foreach (var report in reports.Order(StringComparer.Ordinal))
        {
            try
            {
                using var json = JsonDocument.Parse(File.ReadAllText(report));
                var root = json.RootElement;
                checkedScopes += root.GetProperty("run").GetProperty("checkedScopes").GetInt64();
                foreach (var test in root.GetProperty("tests").EnumerateArray())
                {
                    var name = test.GetProperty("test").GetString() ?? "?";
                    var leaks = test.GetProperty("leaks");
                    leaking.Add(new LeakingTest(name, test.GetProperty("settleMilliseconds").GetInt64(), leaks.GetArrayLength()));
                    foreach (var leak in leaks.EnumerateArray())
                    {
                        var kind = leak.GetProperty("kind").GetString() ?? "?";
                        kinds[kind] = kinds.GetValueOrDefault(kind) + 1;
                        var frames = leak.GetProperty("createdAt");
                        if (frames.GetArrayLength() >= 2 && Run.CreatedByRule.For(frames[0].GetProperty("method").GetString() ?? string.Empty) is { } frame)
                        {
                            var entry = creators.TryGetValue(frame, out var found) ? found : ([], 0);
                            entry.Tests.Add(name);
                            creators[frame] = (entry.Tests, entry.Leaks + 1);
                        }
                    }
                }

                read.Add(report);
            }
            catch (Exception ex) when (ex is JsonException or KeyNotFoundException or InvalidOperationException or IOException)
            {
                unreadable.Add(report);
            }
        }

        return new SuiteResult(
            mode,
            projects,
            checkedScopes,
            leaking,
            [.. kinds.OrderByDescending(k => k.Value).ThenBy(k => k.Key, StringComparer.Ordinal).Select(k => (k.Key, k.Value))],
            [.. creators.Select(c => new Creator(c.Key, c.Value.Tests.Count, c.Value.Leaks))
                .OrderByDescending(c => c.Tests).ThenByDescending(c => c.Leaks).ThenBy(c => c.Frame, StringComparer.Ordinal).Take(MaxCreators)],
            read,
            unreadable);
    }

    public static string Format(SuiteResult result, string resultsFolder)
    {
        var text = new StringBuilder();
        text.Append('\n').Append("LeakCheck summary (").Append(result.Mode == "fail"
            ? "fail mode: a leaking test fails"
            : "warn mode: leaks are reported, the suite's own verdict is unchanged").Append(")\n");

        var checkedProjects = result.Projects.Count(p => p.Status != ProjectStatus.Unchecked);
        text.Append(CultureInfo.InvariantCulture, $"Test projects: {Count(result.Projects.Count, "project")}, {checkedProjects} checked\n");
        foreach (var project in result.Projects)
        {
            var frameworks = project.TargetFrameworks.Count > 0 ? " [" + string.Join(", ", project.TargetFrameworks) + "]" : string.Empty;
            text.Append("- ").Append(project.Name).Append(frameworks).Append(": ").Append(project.Status switch
            {
                ProjectStatus.Checked => "checked (" + FrameworkName(project.Adapter) + ")",
                ProjectStatus.OwnLeakCheck => "already uses LeakCheck (" + FrameworkName(project.Adapter) + "): left as it is",
                _ => "NOT checked: it references no xUnit, NUnit or MSTest, the frameworks LeakCheck has adapters for",
            }).Append('\n');
        }

        var leaks = result.LeakingTests.Sum(t => t.Leaks);
        text.Append(CultureInfo.InvariantCulture,
            $"Tests checked: {result.Checked}; with leaks: {result.LeakingTests.Count}; leaks: {leaks}\n");
        if (result.Kinds.Count > 0)
        {
            text.Append("Leaks by kind: ").Append(string.Join(", ", result.Kinds.Select(k => $"{k.Count} {k.Kind}"))).Append('\n');
        }

        if (result.Creators.Count > 0)
        {
            text.Append("Top creators (the frame that created the leak, when it is not the test's own; if it is work you accept, its createdBy rule, see README \"Ignoring known leaks\"):\n");
            foreach (var creator in result.Creators)
            {
                text.Append(CultureInfo.InvariantCulture,
                    $"- {creator.Frame}: {Count(creator.Leaks, "leak")} in {Count(creator.Tests, "test")}; rule: createdBy:{creator.Frame}\n");
            }
        }

        if (result.LeakingTests.Count > 0)
        {
            text.Append("Slowest settling tests with leaks:\n");
            foreach (var test in result.LeakingTests.OrderByDescending(t => t.SettleMilliseconds).ThenBy(t => t.Test, StringComparer.Ordinal).Take(MaxSlowest))
            {
                text.Append(CultureInfo.InvariantCulture, $"- {test.Test}: {test.SettleMilliseconds} ms ({Count(test.Leaks, "leak")})\n");
            }
        }

        text.Append(CultureInfo.InvariantCulture, $"JSON reports ({result.Reports.Count}) in {resultsFolder}:\n");
        foreach (var report in result.Reports)
        {
            text.Append("- ").Append(System.IO.Path.GetFileName(report)).Append('\n');
        }

        foreach (var report in result.UnreadableReports)
        {
            text.Append("- ").Append(System.IO.Path.GetFileName(report)).Append(": NOT read (not a complete LeakCheck report)\n");
        }

        return text.ToString();
    }

    private static string FrameworkName(string adapter) => s_frameworkNames.GetValueOrDefault(adapter, adapter);

    private static string Count(int n, string noun) => n.ToString(CultureInfo.InvariantCulture) + " " + noun + (n == 1 ? string.Empty : "s");
}
