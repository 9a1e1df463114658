using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using Microsoft.Diagnostics.Runtime;

namespace LeakCheck.HeapAnalysis;

/// <summary>
/// Finds, in a loaded dump, the shortest chain of references from a GC root to each target: one breadth-first
/// walk from all roots at once (so the first path found is a shortest one), skipping the stack of the thread
/// that asked (the checker's own locals). Paths name what users know: a static as <c>static Type.Field</c>,
/// instance fields by name (closure captures included), array elements as such.
/// </summary>
internal static class RootPathFinder
{
    public static IReadOnlyList<string>?[] Find(ClrRuntime runtime, IReadOnlyList<ulong> targets, IReadOnlyCollection<int> checkerThreadIds, System.IO.TextWriter? trace, CancellationToken cancel)
    {
        var heap = runtime.Heap;
        var result = new IReadOnlyList<string>?[targets.Count];
        var wanted = new HashSet<ulong>(targets.Where(t => t != 0));
        if (wanted.Count == 0)
        {
            return result;
        }

        var phase = System.Diagnostics.Stopwatch.StartNew();
        var checkers = runtime.Threads.Where(t => checkerThreadIds.Contains(t.ManagedThreadId)).ToList();
        var parents = new Dictionary<ulong, (ulong Parent, ClrInstanceField? Field, bool IsElement)>();
        var roots = new Dictionary<ulong, string>();
        var queue = new Queue<ulong>();
        void AddRoot(ulong address, string kind)
        {
            if (address != 0 && !roots.ContainsKey(address) && !parents.ContainsKey(address))
            {
                roots[address] = kind;
                queue.Enqueue(address);
            }
        }

        // Handles, statics and the finalizer queue first: walking thread stacks is the slow part of root
        // enumeration, and most leaks hang off a static. Stacks are added only if something is still unexplained.
        foreach (var handle in runtime.EnumerateHandles().Where(h => h.IsStrong))
        {
            AddRoot(handle.Object.Address, handle.IsPinned ? "a pinned GC handle" : "a strong GC handle");
        }

        HeapRetentionAnalyzer.Trace(trace, "handle roots", phase);
        foreach (var root in heap.EnumerateAdditionalRoots())
        {
            AddRoot(root.Object.Address, RootKind(root));
        }

        HeapRetentionAnalyzer.Trace(trace, "additional roots", phase);
        foreach (var root in heap.EnumerateFinalizerRoots())
        {
            AddRoot(root.Object.Address, RootKind(root));
        }

        HeapRetentionAnalyzer.Trace(trace, "finalizer roots", phase);

        var found = new Dictionary<ulong, bool>();
        HeapRetentionAnalyzer.Trace(trace, "threads", phase);
        var visited = Walk(heap, queue, wanted, found, roots, parents, cancel);
        if (found.Count < wanted.Count)
        {
            foreach (var root in heap.EnumerateRoots().Where(r => r.RootKind == ClrRootKind.Stack))
            {
                if (!checkers.Any(t => root.Address >= t.StackLimit && root.Address <= t.StackBase))
                {
                    AddRoot(root.Object.Address, RootKind(root));
                }
            }

            visited += Walk(heap, queue, wanted, found, roots, parents, cancel);
        }

        trace?.WriteLine($"LeakCheck retention: bfs visited {visited} objects, {roots.Count} roots");

        var chains = targets.Select(t => found.ContainsKey(t) ? Chain(t, parents) : null).ToList();
        var naming = System.Diagnostics.Stopwatch.StartNew();
        var names = new StaticNames(runtime).Find(chains.OfType<List<ulong>>().Select(c => c.Count > 1 ? c[1] : c[0]).ToHashSet());
        trace?.WriteLine($"LeakCheck retention: naming {naming.ElapsedMilliseconds} ms");
        for (var i = 0; i < targets.Count; i++)
        {
            if (chains[i] is { } chain)
            {
                result[i] = Describe(heap, chain, parents, roots, names);
            }
        }

        return result;
    }

    private static int Walk(ClrHeap heap, Queue<ulong> queue, HashSet<ulong> wanted, Dictionary<ulong, bool> found, Dictionary<ulong, string> roots,
        Dictionary<ulong, (ulong Parent, ClrInstanceField? Field, bool IsElement)> parents, CancellationToken cancel)
    {
        var visited = 0;
        while (queue.Count > 0 && found.Count < wanted.Count)
        {
            if ((++visited & 0xFFF) == 0)
            {
                cancel.ThrowIfCancellationRequested();
            }

            var current = queue.Dequeue();
            if (wanted.Contains(current))
            {
                found[current] = true;
            }

            var obj = heap.GetObject(current);
            if (!obj.IsValid)
            {
                continue;
            }

            // Addresses only: resolving field names needs each type's metadata, which is slow; names are
            // resolved afterwards for the few objects on the reported paths.
            foreach (var child in obj.EnumerateReferenceAddresses(carefully: false, considerDependantHandles: false))
            {
                if (child == 0 || roots.ContainsKey(child) || parents.ContainsKey(child))
                {
                    continue;
                }

                parents[child] = (current, null, false);
                queue.Enqueue(child);
            }
        }

        return visited;
    }

    private static List<ulong> Chain(ulong target, Dictionary<ulong, (ulong Parent, ClrInstanceField? Field, bool IsElement)> parents)
    {
        var chain = new List<ulong> { target };
        while (parents.TryGetValue(chain[^1], out var link))
        {
            chain.Add(link.Parent);
        }

        chain.Reverse();
        return chain;
    }

    private static List<string> Describe(ClrHeap heap, List<ulong> chain, Dictionary<ulong, (ulong Parent, ClrInstanceField? Field, bool IsElement)> parents,
        Dictionary<ulong, string> roots, Dictionary<ulong, string> names)
    {
        var lines = new List<string>();
        var start = 0;

        // The runtime keeps statics in an object[] reached from a handle: name the field instead of the array.
        if (chain.Count > 1 && names.TryGetValue(chain[1], out var staticName))
        {
            lines.Add($"static {staticName} ({TypeName(heap, chain[1])})");
            start = 1;
        }
        else
        {
            lines.Add(chain.Count == 1 && names.TryGetValue(chain[0], out var rootStatic)
                ? $"static {rootStatic} ({TypeName(heap, chain[0])})"
                : $"{roots[chain[0]]} ({TypeName(heap, chain[0])})");
        }

        for (var i = start + 1; i < chain.Count; i++)
        {
            var parent = parents[chain[i]].Parent;
            var owner = TypeName(heap, parent);
            lines.Add($"{owner}{Via(heap.GetObject(parent), chain[i])} ({TypeName(heap, chain[i])})");
        }

        return lines;
    }

    /// <summary>How <paramref name="parent"/> refers to <paramref name="child"/>: <c>.field</c> or <c> element</c>.</summary>
    private static string Via(ClrObject parent, ulong child)
    {
        if (parent.Type?.IsArray == true)
        {
            return " element";
        }

        foreach (var reference in parent.EnumerateReferencesWithFields(carefully: false, considerDependantHandles: false))
        {
            if (reference.Object.Address == child)
            {
                if (reference.IsArrayElement)
                {
                    return " element";
                }

                // A struct field (an async method's state machine inside its box) names the inner field too.
                var inner = reference.InnerField?.Field is { } innerField ? "." + FieldName(innerField) : string.Empty;
                return "." + FieldName(reference.Field) + inner;
            }
        }

        return " (reference)";
    }

    private static string RootKind(ClrRoot root) => root.RootKind switch
    {
        ClrRootKind.Stack => "a thread's stack",
        ClrRootKind.StrongHandle => "a strong GC handle",
        ClrRootKind.PinnedHandle or ClrRootKind.AsyncPinnedHandle => "a pinned GC handle",
        ClrRootKind.FinalizerQueue => "the finalizer queue",
        ClrRootKind.StaticVar => "a static field",
        ClrRootKind.ThreadStaticVar => "a thread-static field",
        _ => "a GC root (" + root.RootKind + ")",
    };

    /// <summary>A readable field name: compiler names of captured variables and backing fields become what the user wrote.</summary>
    private static string FieldName(ClrInstanceField? field) => CleanName(field?.Name ?? "?");

    /// <summary><c>&lt;Lazy&gt;k__BackingField</c> is <c>Lazy</c>; <c>&lt;session&gt;5__2</c> is <c>session</c>.</summary>
    public static string CleanName(string name)
    {
        if (name.StartsWith('<') && name.IndexOf('>', StringComparison.Ordinal) is > 1 and var close)
        {
            return name[1..close];
        }

        return name;
    }

    private static string TypeName(ClrHeap heap, ulong address)
    {
        var name = heap.GetObjectType(address)?.Name ?? "?";
        var box = name.IndexOf("AsyncStateMachineBox<", StringComparison.Ordinal);
        if (box >= 0)
        {
            // The box of an async method: show the method, not the runtime's generic type.
            var machine = name[(box + "AsyncStateMachineBox<".Length)..].TrimEnd('>');
            var start = machine.LastIndexOf('<');
            var close = machine.IndexOf(">d__", StringComparison.Ordinal);
            return start > 0 && close > start
                ? "async " + machine[..(start - 1)].Replace('+', '.') + "." + machine[(start + 1)..close] + "()"
                : "async method " + machine;
        }

        var closure = name.IndexOf("+<>c__DisplayClass", StringComparison.Ordinal);
        return closure > 0 ? name[..closure] + " closure" : name.Replace('+', '.');
    }
}
