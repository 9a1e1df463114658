using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Runtime.CompilerServices;
using FluentAssertions;
using LeakCheck.Adapters;
using Xunit;

namespace LeakCheck.Tests;

/// <summary>
/// The engine's folders show its data flow and depend only downwards; the packages reach the engine only through
/// its public surface, which is tracked.
/// </summary>
public sealed class ArchitectureTests
{
    /// <summary>
    /// The engine's folders from the bottom up. The public types at the root (LeakScope, LeakReport, LeakedItem,
    /// options and rules) are the product's surface: every folder may use them and they may use every folder.
    /// </summary>
    private static readonly string[] s_layers =
    [
        "Runtime",       // every reflected runtime member, resolved once, checked, pinned by golden files
        "Configuration", // every LEAKCHECK_* variable, read in one place
        "Stacks",        // creation stacks as the user wrote them: user frames, source lines, type names
        "Scopes",        // ownership: the scope current in an execution context
        "Probes",        // what each kind of work records while a scope is current, and what is still pending
        "Ignoring",      // ignore rules: declared, matched, counted
        "Settling",      // waiting and collecting until the scope's work is finished or the budget is spent
        "Retention",     // why a leaked object is still alive (through IRetentionAnalyzer)
        "Reporting",     // a scope's candidates and its report text
        "Run",           // the run: baseline file, JSON report, end-of-run summary
        "Engine",        // the pipeline that turns an ending scope into its verdict
        "Adapters",      // the public seam every test-framework adapter uses
    ];

    private static readonly Assembly s_engine = typeof(LeakScope).Assembly;

    [Fact]
    public void Every_folder_of_the_engine_is_a_known_layer()
    {
        var folders = s_engine.GetTypes().Select(FolderOf).OfType<string>().Where(f => f.Length > 0).Distinct();

        folders.Should().BeSubsetOf(s_layers);
    }

    [Fact]
    public void No_folder_depends_on_a_folder_above_it()
    {
        var upward = TypeDependencies.Of(s_engine)
            .Select(d => (d.From, d.To, FromFolder: FolderOf(d.From), ToFolder: FolderOf(d.To)))
            .Where(d => d.FromFolder is { Length: > 0 } && d.ToFolder is { Length: > 0 }
                && Array.IndexOf(s_layers, d.ToFolder) > Array.IndexOf(s_layers, d.FromFolder))
            .Select(d => $"{d.FromFolder} -> {d.ToFolder}: {d.From.FullName} uses {d.To.FullName}")
            .Distinct()
            .Order(StringComparer.Ordinal);

        upward.Should().BeEmpty();
    }

    /// <summary>Adapters are built on the public seam alone: the engine opens its internals to no package.</summary>
    [Fact]
    public void The_engine_opens_its_internals_to_tests_only()
    {
        var friends = s_engine.GetCustomAttributes<InternalsVisibleToAttribute>().Select(a => a.AssemblyName);

        friends.Should().OnlyContain(name => name.EndsWith(".Tests", StringComparison.Ordinal)
            || name == "LeakCheck.Benchmarks" || name == "LeakCheck.FreshProcess");
    }

    /// <summary>Every package's public surface is declared (the PublicApiAnalyzers fail the build on any change not written there).</summary>
    [Fact]
    public void Every_package_declares_its_public_api()
    {
        var src = Path.GetFullPath(Path.Combine(SourceDirectory(), "..", "..", "src"));
        var packages = Directory.EnumerateFiles(src, "*.csproj", SearchOption.AllDirectories).Select(Path.GetDirectoryName).ToList();

        packages.Should().NotBeEmpty();
        packages.Should().OnlyContain(dir => File.Exists(Path.Combine(dir!, "PublicAPI.Shipped.txt")) && File.Exists(Path.Combine(dir!, "PublicAPI.Unshipped.txt")));
        File.ReadAllText(Path.Combine(src, "..", "Directory.Build.props")).Should().Contain("Microsoft.CodeAnalysis.PublicApiAnalyzers");
    }

    /// <summary>Texts that send the reader to a README section name a section that exists, word for word.</summary>
    [Fact]
    public void Every_README_section_named_in_the_sources_exists()
    {
        var root = Path.GetFullPath(Path.Combine(SourceDirectory(), "..", ".."));
        var headings = File.ReadLines(Path.Combine(root, "README.md")).Where(l => l.StartsWith('#')).Select(l => l.TrimStart('#').Trim()).ToHashSet();
        var reference = new System.Text.RegularExpressions.Regex(@"README \\?""(?<title>[^""\\]+)\\?""");
        var named = Directory.EnumerateFiles(Path.Combine(root, "src"), "*.cs", SearchOption.AllDirectories)
            .Where(f => !f.Contains(Path.DirectorySeparatorChar + "obj" + Path.DirectorySeparatorChar, StringComparison.Ordinal))
            .SelectMany(f => reference.Matches(File.ReadAllText(f)).Select(m => (File: Path.GetFileName(f), Title: m.Groups["title"].Value)))
            .ToList();

        named.Should().NotBeEmpty();
        named.Where(n => !headings.Contains(n.Title)).Should().BeEmpty();
    }

    [Fact]
    public void The_adapter_seam_is_public()
    {
        new[] { typeof(AttributeSettings), typeof(CheckPlan), typeof(TestCheck), typeof(CheckOutcome), typeof(LeakCheckHost) }
            .Should().OnlyContain(t => t.IsPublic);
    }

    /// <summary>The folder of an engine type ("" for the root namespace), or null for another assembly's or the compiler's.</summary>
    private static string? FolderOf(Type type)
    {
        if (type.Assembly != s_engine)
        {
            return null;
        }

        while (type.DeclaringType is not null)
        {
            type = type.DeclaringType;
        }

        return type.Namespace switch
        {
            null => null,
            "LeakCheck" => string.Empty,
            var ns => ns.Split('.')[1],
        };
    }

    private static string SourceDirectory([CallerFilePath] string path = "") => Path.GetDirectoryName(path)!;
}
