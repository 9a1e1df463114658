using BenchmarkDotNet.Running;

namespace LeakCheck.Benchmarks;

/// <summary>Runs the benchmarks: <c>dotnet run -c Release -- --filter *</c> (see README.md in this folder).</summary>
public static class Program
{
    public static void Main(string[] args) => BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
}
