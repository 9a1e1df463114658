using System;
using System.IO;

namespace LeakCheck.Tool;

/// <summary><c>dotnet leakcheck</c>: every failure is a sentence on standard error and an exit code, never a stack trace.</summary>
internal static class Program
{
    /// <summary>The exit code of a run that could not start, or that left a test project unchecked.</summary>
    public const int ToolFailure = 3;

    public static int Main(string[] args)
    {
        try
        {
            var command = ToolCommand.Parse(args);
            if (command.Help)
            {
                Console.Out.Write(ToolCommand.Usage);
                return 0;
            }

            return new SuiteRun(command, Console.Out, Console.Error).Execute();
        }
        catch (ToolException ex)
        {
            Console.Error.WriteLine("dotnet leakcheck: " + ex.Message);
            return ToolFailure;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            Console.Error.WriteLine("dotnet leakcheck: " + ex.Message);
            return ToolFailure;
        }
    }
}

/// <summary>A failure the user can act on; its message is the whole explanation.</summary>
internal sealed class ToolException(string message) : Exception(message);
