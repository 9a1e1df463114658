using System;
using System.IO;

namespace LeakCheck.HeapAnalysis;

/// <summary>
/// A temporary folder only the current user can read (a heap dump holds the whole process memory: secrets
/// included). Deleted with everything in it when disposed.
/// </summary>
internal sealed class PrivateDirectory : IDisposable
{
    private PrivateDirectory(string path) => Path = path;

    public string Path { get; }

    public static PrivateDirectory Create()
    {
        var info = Directory.CreateTempSubdirectory("leakcheck-");
        if (!OperatingSystem.IsWindows())
        {
            // CreateTempSubdirectory already uses 0700 on Unix; stated here so that it cannot silently change.
            File.SetUnixFileMode(info.FullName, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }

        return new PrivateDirectory(info.FullName);
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(Path, recursive: true);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // A dump still being written (time-out) is deleted by the analyzer once the writer stops.
        }
    }
}
