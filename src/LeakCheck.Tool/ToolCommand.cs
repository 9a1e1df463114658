using System;
using System.Collections.Generic;
using System.IO;

namespace LeakCheck.Tool;

/// <summary>The parsed command line: <c>dotnet leakcheck test [path] [options] [-- dotnet test arguments]</c>.</summary>
internal sealed class ToolCommand
{
    public const string Usage =
        """
        Usage: dotnet leakcheck test [PATH] [options] [-- dotnet test arguments]

        Runs `dotnet test` on PATH (a solution, a project or a folder; default: the current folder) with LeakCheck's
        [assembly: NoLeaks] added to every test project (xUnit v2 and v3, NUnit, MSTest: the adapter is chosen from
        the project's references), without editing any file, then summarises the leaks.

        Options:
          --mode warn|fail     warn (default): leaks are reported and the suite's own verdict is unchanged;
                               fail: a leaking test fails
          --results DIR        where the JSON reports and the summary go (default: ./leakcheck-results)
          --record-baseline    record each test project's known leaks into its baseline file
                               (leakcheck.baseline next to the project file; see README "Baseline: gradual adoption")
          --packages DIR       the folder holding the LeakCheck packages (default: the ones inside the tool)
          -h, --help           this text

        LEAKCHECK_* environment variables reach the test hosts as usual (LEAKCHECK_IGNORE, LEAKCHECK_BASELINE...),
        except LEAKCHECK_MODE, LEAKCHECK_RESULTS_DIR and LEAKCHECK_JSON, which the tool sets.

        """;

    public bool Help { get; private init; }

    public string Path { get; private init; } = Directory.GetCurrentDirectory();

    /// <summary>Gets the mode, or null when none was given (warn).</summary>
    public string? Mode { get; private init; }

    public string Results { get; private init; } = System.IO.Path.GetFullPath("leakcheck-results");

    public bool RecordBaseline { get; private init; }

    public string? Packages { get; private init; }

    public IReadOnlyList<string> TestArguments { get; private init; } = [];

    public static ToolCommand Parse(string[] args)
    {
        if (args.Length == 0 || args[0] is "-h" or "--help" or "help")
        {
            return new ToolCommand { Help = true };
        }

        if (args[0] != "test")
        {
            throw new ToolException($"unknown command \"{args[0]}\"; the command is \"test\" (dotnet leakcheck --help).");
        }

        string? path = null;
        string? mode = null;
        string? results = null;
        string? packages = null;
        var record = false;
        var passThrough = new List<string>();
        for (var i = 1; i < args.Length; i++)
        {
            var arg = args[i];
            switch (arg)
            {
                case "--":
                    passThrough.AddRange(args[(i + 1)..]);
                    i = args.Length;
                    break;
                case "-h" or "--help":
                    return new ToolCommand { Help = true };
                case "--mode":
                    mode = Value(args, ref i, arg);
                    if (mode is not ("warn" or "fail"))
                    {
                        throw new ToolException($"--mode is warn or fail, not \"{mode}\".");
                    }

                    break;
                case "--results":
                    results = Value(args, ref i, arg);
                    break;
                case "--packages":
                    packages = Value(args, ref i, arg);
                    break;
                case "--record-baseline":
                    record = true;
                    break;
                default:
                    if (arg.StartsWith('-') || path is not null)
                    {
                        throw new ToolException($"unknown argument \"{arg}\"; put dotnet test's own arguments after \"--\" (dotnet leakcheck --help).");
                    }

                    path = arg;
                    break;
            }
        }

        var fullPath = System.IO.Path.GetFullPath(path ?? Directory.GetCurrentDirectory());
        if (!File.Exists(fullPath) && !Directory.Exists(fullPath))
        {
            throw new ToolException($"{fullPath} does not exist: give a solution, a project or a folder.");
        }

        return new ToolCommand
        {
            Path = fullPath,
            Mode = mode,
            Results = System.IO.Path.GetFullPath(results ?? "leakcheck-results"),
            RecordBaseline = record,
            Packages = packages is null ? null : System.IO.Path.GetFullPath(packages),
            TestArguments = passThrough,
        };
    }

    private static string Value(string[] args, ref int i, string option)
    {
        if (i + 1 >= args.Length)
        {
            throw new ToolException($"{option} needs a value (dotnet leakcheck --help).");
        }

        return args[++i];
    }
}
