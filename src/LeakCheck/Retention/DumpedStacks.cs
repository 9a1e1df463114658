using System;
using System.Collections.Generic;
using System.Reflection;
using System.Threading;
using LeakCheck.Stacks;

namespace LeakCheck.Retention;

/// <summary>
/// Names the frames of a leaked thread's stack read from a heap dump of this process (the runtime cannot read
/// another thread's stack in-process): each frame is resolved against the loaded module by its metadata token and
/// named like a creation frame, with file and line when the PDB has them.
/// </summary>
internal static class DumpedStacks
{
    /// <summary>Frames shown at most; the rest are elided between the innermost ones and the start method.</summary>
    private const int MaxFrames = 8;

    private static readonly Assembly s_coreLibrary = typeof(object).Assembly;

    /// <summary>
    /// The lines that explain a running thread: from the innermost frame that code of another library called
    /// (the wait or call it is in, not the runtime's internals under it) out to the method the thread started with.
    /// </summary>
    public static IReadOnlyList<string> Describe(IReadOnlyList<DumpedFrame> dumped)
    {
        var frames = Resolve(dumped);
        if (frames.Count == 0)
        {
            return ["its thread is still running; its stack in the heap dump has no frame LeakCheck can name"];
        }

        var start = 0;
        for (var i = 0; i + 1 < frames.Count; i++)
        {
            var callee = frames[i].Method.Module.Assembly;
            var caller = frames[i + 1].Method.Module.Assembly;
            if (caller != callee && caller != s_coreLibrary)
            {
                start = i;
                break;
            }
        }

        var lines = new List<string> { "its thread is still running; its stack, read from a heap dump (innermost first; the last frame is the method it started with):" };
        var shown = frames.Count - start;
        for (var i = start; i < frames.Count; i++)
        {
            if (shown > MaxFrames && i == start + MaxFrames - 2)
            {
                var omitted = shown - MaxFrames;
                lines.Add(omitted == 1 ? "  ... 1 more frame" : $"  ... {omitted} more frames");
                i += omitted - 1;
                continue;
            }

            lines.Add("  " + Name(frames[i]));
        }

        return lines;
    }

    private static string Name((MethodBase Method, int ILOffset) frame)
    {
        var (method, ilOffset) = frame;
        var shown = method.DeclaringType is null ? method.Name : UserFrames.Describe(method);
        var (file, line) = UserFrames.IsHidden(method) ? default : SourceLocator.Locate(method, ilOffset);
        return new SourceFrame(shown, file, line).ToString();
    }

    // The runtime's own start frames (Thread.StartCallback, StartHelper.Run, ExecutionContext.RunInternal) are dropped
    // from the outer end: the frame above them is the thread's start method.
    private static List<(MethodBase Method, int ILOffset)> Resolve(IReadOnlyList<DumpedFrame> dumped)
    {
        var modules = new Dictionary<string, Module>(StringComparer.Ordinal);
        foreach (var assembly in AppDomain.CurrentDomain.GetAssemblies())
        {
            if (assembly.IsDynamic)
            {
                continue;
            }

            foreach (var module in assembly.GetModules())
            {
                modules.TryAdd(module.FullyQualifiedName, module);
            }
        }

        var frames = new List<(MethodBase, int)>();
        foreach (var frame in dumped)
        {
            if (modules.TryGetValue(frame.ModulePath, out var module) && TryResolve(module, frame.MetadataToken) is { } method)
            {
                frames.Add((method, frame.ILOffset));
            }
        }

        while (frames.Count > 0 && IsThreadStartMachinery(frames[^1].Item1))
        {
            frames.RemoveAt(frames.Count - 1);
        }

        return frames;
    }

    private static MethodBase? TryResolve(Module module, int token)
    {
        try
        {
            return module.ResolveMethod(token);
        }
        catch (Exception ex) when (ex is ArgumentException or BadImageFormatException or TypeLoadException or MissingMethodException)
        {
            return null;
        }
    }

    private static bool IsThreadStartMachinery(MethodBase method)
    {
        var type = method.DeclaringType;
        return type == typeof(Thread) || type?.DeclaringType == typeof(Thread) || type == typeof(ExecutionContext);
    }
}
