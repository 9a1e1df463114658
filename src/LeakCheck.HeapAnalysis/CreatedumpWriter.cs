using System;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Runtime.InteropServices;

namespace LeakCheck.HeapAnalysis;

/// <summary>
/// Dumps the current process with the runtime's own <c>createdump</c> (next to the shared framework), as a child
/// process whose output is captured: unlike <c>DiagnosticsClient.WriteDump</c>, nothing reaches the test
/// process's stdout (where test frameworks such as xUnit v3 speak their protocol). All threads of this process
/// are suspended while the dump is written.
/// </summary>
internal sealed class CreatedumpWriter : IDumpWriter
{
    public void Write(string path, TimeSpan timeLimit)
    {
        if (Environment.GetEnvironmentVariable("DOTNET_EnableDiagnostics") == "0")
        {
            throw new DumpUnavailableException("diagnostics are disabled in this process (DOTNET_EnableDiagnostics=0)");
        }

        if (!OperatingSystem.IsLinux() && !OperatingSystem.IsWindows() && !OperatingSystem.IsMacOS())
        {
            throw new DumpUnavailableException($"heap dumps are not supported on {RuntimeInformation.OSDescription}");
        }

        var tool = Path.Combine(RuntimeEnvironment.GetRuntimeDirectory(), OperatingSystem.IsWindows() ? "createdump.exe" : "createdump");
        if (!File.Exists(tool))
        {
            throw new DumpUnavailableException($"the runtime's dump tool was not found ({tool})");
        }

        var log = path + ".log";
        var start = new ProcessStartInfo(tool)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            CreateNoWindow = true,
        };
        foreach (var argument in new[] { Environment.ProcessId.ToString(System.Globalization.CultureInfo.InvariantCulture), "--withheap", "-f", path, "--logtofile", log })
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start) ?? throw new DumpUnavailableException("the dump tool could not be started");
        process.OutputDataReceived += static (_, _) => { };
        process.ErrorDataReceived += static (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        if (!process.WaitForExit(timeLimit))
        {
            process.Kill(entireProcessTree: true);
            throw new DumpUnavailableException($"writing the heap dump took longer than {timeLimit.TotalSeconds:0.#} s");
        }

        if (process.ExitCode != 0 || !File.Exists(path))
        {
            var lastLine = File.Exists(log) ? File.ReadLines(log).LastOrDefault(l => l.Length > 0) : null;
            throw new DumpUnavailableException($"the dump tool failed (exit code {process.ExitCode}{(lastLine is null ? string.Empty : ": " + lastLine.Trim())})");
        }
    }
}
