using System;
using System.IO;
using FluentAssertions;
using LeakCheck.Run;
using Xunit;

namespace LeakCheck.Tests;

/// <summary>The run is named after the test project and keeps its baseline next to the project file, in every output layout.</summary>
public sealed class ProjectDirectoryTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("leakcheck-layout-").FullName;

    [Fact]
    public void The_classic_layout_finds_the_project_above_its_output()
    {
        var project = Create("tests", "My.Tests", "My.Tests.csproj");
        var output = Directory.CreateDirectory(Path.Combine(project, "bin", "Release", "net10.0")).FullName;

        RunSettings.FindProjectDirectory(output).Should().Be(project);
    }

    [Fact]
    public void The_artifacts_layout_finds_the_project_named_by_its_output_folder()
    {
        var project = Create("tests", "My.Tests", "My.Tests.csproj");
        Create("src", "My.Library", "My.Library.csproj");
        var output = Directory.CreateDirectory(Path.Combine(_root, "artifacts", "bin", "My.Tests", "release")).FullName;

        RunSettings.FindProjectDirectory(output).Should().Be(project);
    }

    [Fact]
    public void A_folder_outside_any_project_has_none()
        => RunSettings.FindProjectDirectory(Directory.CreateDirectory(Path.Combine(_root, "published")).FullName).Should().BeNull();

    public void Dispose() => Directory.Delete(_root, recursive: true);

    private string Create(string folder, string name, string file)
    {
        var directory = Directory.CreateDirectory(Path.Combine(_root, folder, name)).FullName;
        File.WriteAllText(Path.Combine(directory, file), "<Project />");
        return directory;
    }
}
