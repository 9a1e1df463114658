using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Runtime.InteropServices;
using System.Threading;
using System.Threading.Tasks;
using LeakCheck.Retention;
using Microsoft.Diagnostics.Runtime;

namespace LeakCheck.HeapAnalysis;

/// <summary>
/// Retention paths with ClrMD. The engine finds this type by name when the package is referenced
/// (<see cref="RetentionStep.AnalyzerTypeName"/>). One
/// analysis: weak GC handles on the leaked objects (the analyzer never roots them), one heap dump of the
/// process written by the runtime's createdump into a private temporary folder, loaded with ClrMD (no symbol
/// server, no network), a breadth-first search from the GC roots; the dump is deleted in every outcome.
/// </summary>
public sealed class HeapRetentionAnalyzer : IRetentionAnalyzer
{
    private readonly IDumpWriter _writer;

    /// <summary>Initializes a new instance of the <see cref="HeapRetentionAnalyzer"/> class that dumps with the runtime's createdump.</summary>
    public HeapRetentionAnalyzer()
        : this(new CreatedumpWriter())
    {
    }

    internal HeapRetentionAnalyzer(IDumpWriter writer) => _writer = writer;

    /// <inheritdoc/>
    public RetentionResult Analyze(RetentionRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var (subjects, timeLimit, trace) = request;
        var clock = Stopwatch.StartNew();
        var handles = subjects.Select(Handle).ToArray();
        // The checks that asked (one, or several failing tests sharing this dump): their stacks hold their own locals.
        IReadOnlyList<int> checkerThreads = request.CheckerThreads.Count > 0 ? request.CheckerThreads : [Environment.CurrentManagedThreadId];
        var directory = PrivateDirectory.Create();
        // No CancelAfter: its timer would sit in the runtime's timer queue beside the user's leaked timers.
        using var cancel = new CancellationTokenSource();
        var work = Task.Run(() => Run(directory.Path, handles, checkerThreads, timeLimit, trace, cancel.Token), cancel.Token);
        try
        {
            if (!work.Wait(timeLimit))
            {
                cancel.Cancel();
                return Unavailable($"the analysis took longer than its limit of {timeLimit.TotalSeconds:0.#} s", clock);
            }

            return new RetentionResult(work.Result.Paths, null, clock.Elapsed) { ThreadStacks = work.Result.ThreadStacks };
        }
        catch (AggregateException ex) when (ex.InnerException is DumpUnavailableException unavailable)
        {
            return Unavailable(unavailable.Message, clock);
        }
        catch (AggregateException ex) when (ex.InnerException is IOException or UnauthorizedAccessException or InvalidOperationException or OperationCanceledException)
        {
            return Unavailable($"{ex.InnerException!.GetType().Name}: {ex.InnerException.Message}", clock);
        }
        finally
        {
            foreach (var handle in handles.Where(h => h.IsAllocated))
            {
                handle.Free();
            }

            // The dump is deleted in every outcome; after a time-out, as soon as the writer lets go of it.
            if (work.IsCompleted)
            {
                directory.Dispose();
            }
            else
            {
                work.ContinueWith(_ => directory.Dispose(), CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
            }
        }
    }

    private (IReadOnlyList<IReadOnlyList<string>?> Paths, IReadOnlyList<IReadOnlyList<DumpedFrame>?> ThreadStacks) Run(string directory, GCHandle[] handles, IReadOnlyList<int> checkerThreads, TimeSpan timeLimit, TextWriter? trace, CancellationToken cancel)
    {
        var dump = Path.Combine(directory, "process.dmp");
        var phase = Stopwatch.StartNew();
        _writer.Write(dump, timeLimit);
        Trace(trace, "dump", phase);
        try
        {
            cancel.ThrowIfCancellationRequested();
            using var target = DataTarget.LoadDump(dump, new DataTargetOptions { SymbolPaths = [] });
            using var runtime = target.ClrVersions.Single().CreateRuntime();
            Trace(trace, "load", phase);
            var byHandle = runtime.EnumerateHandles().GroupBy(h => h.Address).ToDictionary(g => g.Key, g => g.First().Object.Address);
            Trace(trace, "handles", phase);
            var addresses = handles
                .Select(h => h.IsAllocated && byHandle.TryGetValue((ulong)GCHandle.ToIntPtr(h), out var address) ? address : 0UL)
                .ToArray();
            // A leaked thread is explained by its stack, not by a path to its Thread object (the runtime roots every
            // running thread's object): its address is taken out of the path search.
            var stacks = ThreadStacks.Read(runtime, addresses);
            for (var i = 0; i < addresses.Length; i++)
            {
                if (stacks[i] is not null)
                {
                    addresses[i] = 0;
                }
            }

            Trace(trace, "thread stacks", phase);
            var paths = RootPathFinder.Find(runtime, addresses, [.. checkerThreads, Environment.CurrentManagedThreadId], trace, cancel);
            Trace(trace, "paths", phase);
            return (paths, stacks);
        }
        finally
        {
            File.Delete(dump);
        }
    }

    internal static void Trace(TextWriter? trace, string what, Stopwatch phase)
    {
        trace?.WriteLine($"LeakCheck retention: {what} {phase.ElapsedMilliseconds} ms");
        phase.Restart();
    }

    private static GCHandle Handle(WeakReference subject)
        => subject.Target is { } target ? GCHandle.Alloc(target, GCHandleType.Weak) : default;

    private static RetentionResult Unavailable(string reason, Stopwatch clock) => new([], reason, clock.Elapsed);
}
