using System;
using System.Collections.Generic;
using System.Runtime.CompilerServices;
using System.Threading;
using System.Threading.Tasks;
using BenchmarkDotNet.Attributes;

namespace LeakCheck.Benchmarks;

/// <summary>
/// What the cancellation-registration probe adds to a clean test's check (issue 17). It records nothing per
/// registration; each check reads the registrations of the sources static fields hold. Measured: a clean scope in a
/// process whose static source has no registrations, and one whose static source carries 100 registrations made
/// before the test (other tests' or the application's: read, owned by nobody here), and a test that registers and
/// disposes one callback on it.
/// </summary>
[MemoryDiagnoser]
public class CancellationRegistrationBenchmarks
{
    private readonly List<CancellationTokenRegistration> _earlier = [];

    [Params(0, 100)]
    public int EarlierRegistrations { get; set; }

    [GlobalSetup]
    public void Register()
    {
        for (var i = 0; i < EarlierRegistrations; i++)
        {
            _earlier.Add(BenchmarkLifetime.Stopping.Token.Register(static () => { }));
        }
    }

    [GlobalCleanup]
    public void Unregister()
    {
        foreach (var registration in _earlier)
        {
            registration.Dispose();
        }
    }

    [Benchmark(Baseline = true, Description = "clean scope: Begin + EndAsync")]
    public Task<LeakReport> CleanScope() => LeakScope.Begin("clean test").EndAsync();

    [Benchmark(Description = "clean scope that registers and disposes one callback on the static source")]
    public Task<LeakReport> RegisterAndDispose()
    {
        var scope = LeakScope.Begin("clean test");
        BenchmarkLifetime.Stopping.Token.Register(static () => { }).Dispose();
        return scope.EndAsync();
    }
}

/// <summary>An application lifetime held by a static field, set at start-up (no static initializer: read on every runtime).</summary>
internal static class BenchmarkLifetime
{
    public static CancellationTokenSource Stopping { get; private set; } = null!;

#pragma warning disable CA2255 // The benchmark's stand-in for an application's start-up.
    [ModuleInitializer]
#pragma warning restore CA2255
    internal static void Start() => Stopping = new CancellationTokenSource();
}
