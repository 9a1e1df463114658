using System;
using System.IO;
using System.Linq;
using System.Runtime.CompilerServices;
using System.Text.RegularExpressions;
using FluentAssertions;
using LeakCheck.Runtime;
using Xunit;

namespace LeakCheck.Tests;

/// <summary>
/// The runtime layer is pinned per runtime major version (goleak pins its stack parser with one testdata file per
/// Go version): every member it resolved, every lock and clock it chose, and every mechanism's availability. A
/// runtime that moves a member shows up here as a diff. To record the file for a new runtime, run this test with
/// UPDATE_GOLDENS=1 and review the diff.
/// </summary>
public class RuntimeLayerTests
{
    [Fact]
    public void What_the_runtime_layer_resolves_matches_the_golden_file_of_this_runtime_version()
    {
        var actual = RuntimeLayer.Describe();
        var golden = Path.Combine(SourceDirectory(), "RuntimeGoldens", $"net{Environment.Version.Major}.txt");
        if (Environment.GetEnvironmentVariable("UPDATE_GOLDENS") == "1")
        {
            File.WriteAllText(golden, actual);
        }

        File.Exists(golden).Should().BeTrue($"a golden file for .NET {Environment.Version.Major} should exist; this runtime resolves:\n{actual}");
        actual.Should().Be(File.ReadAllText(golden).Replace("\r\n", "\n", StringComparison.Ordinal));
    }

    [Fact]
    public void Every_mechanism_is_available_on_this_runtime()
        => RuntimeLayer.Mechanisms.Where(m => m.UnavailableReason is not null).Select(m => m.Name + ": " + m.UnavailableReason)
            .Should().BeEmpty();

    /// <summary>
    /// Reflection into the runtime (non-public members, runtime type names) lives in src/LeakCheck/Runtime only, so a
    /// runtime change has one place to go. Stacks/UserFrames.cs reads the user's own compiled types (the method a
    /// compiler state machine belongs to), not the runtime's, and is the one exception.
    /// </summary>
    [Fact]
    public void No_code_outside_the_runtime_layer_reflects_into_the_runtime()
    {
        var engine = Path.GetFullPath(Path.Combine(SourceDirectory(), "..", "..", "src", "LeakCheck"));
        var runtime = Path.Combine(engine, "Runtime") + Path.DirectorySeparatorChar;
        var forbidden = new Regex(
            @"BindingFlags\.NonPublic|\.GetField\(|\.GetFields\(|\.GetProperty\(|\.GetNestedType\(|GetMethodBody|\.GetType\(""|Type\.GetType\(""System"
            + @"|(FullName|Namespace) *(==|!=) *""|\.Name *(==|!=) *""(?!MoveNext"")|""Async: |\.Name\.(StartsWith|Contains|EndsWith)\(""",
            RegexOptions.CultureInvariant);
        var allowed = new[] { Path.Combine(engine, "Stacks", "UserFrames.cs") };

        var offenders = Directory.EnumerateFiles(engine, "*.cs", SearchOption.AllDirectories)
            .Where(f => !f.StartsWith(runtime, StringComparison.Ordinal) && !allowed.Contains(f)
                && !f.Contains(Path.DirectorySeparatorChar + "obj" + Path.DirectorySeparatorChar, StringComparison.Ordinal))
            .SelectMany(f => File.ReadLines(f).Select((line, i) => (File: Path.GetRelativePath(engine, f), Line: i + 1, Text: line.Trim())))
            .Where(l => forbidden.IsMatch(l.Text))
            .Select(l => $"{l.File}:{l.Line}: {l.Text}");

        offenders.Should().BeEmpty();
    }

    /// <summary>Every LEAKCHECK_* variable is read in one place (Configuration/LeakCheckSettings.cs), in every package.</summary>
    [Fact]
    public void Environment_variables_are_read_only_by_the_settings_object()
    {
        var src = Path.GetFullPath(Path.Combine(SourceDirectory(), "..", "..", "src"));
        var settings = Path.Combine(src, "LeakCheck", "Configuration", "LeakCheckSettings.cs");
        var reads = new Regex(@"GetEnvironmentVariable\((?!""DOTNET_)", RegexOptions.CultureInvariant);

        Directory.EnumerateFiles(src, "*.cs", SearchOption.AllDirectories)
            .Where(f => f != settings && !f.Contains(Path.DirectorySeparatorChar + "obj" + Path.DirectorySeparatorChar, StringComparison.Ordinal))
            .SelectMany(f => File.ReadLines(f).Select((line, i) => (File: Path.GetRelativePath(src, f), Line: i + 1, Text: line.Trim())))
            .Where(l => reads.IsMatch(l.Text))
            .Select(l => $"{l.File}:{l.Line}: {l.Text}")
            .Should().BeEmpty();
    }

    private static string SourceDirectory([CallerFilePath] string path = "") => Path.GetDirectoryName(path)!;
}
