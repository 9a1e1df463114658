using BenchmarkDotNet.Running;

namespace LeakCheck.Benchmarks;

/// <summary>Runs the benchmarks: <c>dotnet run -c Release -- --filter *</c>, or <c>-- --memory</c> for the 10,000-scope memory check (see README.md).</summary>
public static class Program
{
    public static void Main(string[] args)
    {
        if (args is ["--memory"])
        {
            MemoryFlatness.RunAsync().GetAwaiter().GetResult();
            return;
        }

        BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
    }
}
