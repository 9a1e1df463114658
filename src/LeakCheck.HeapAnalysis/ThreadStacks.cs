using System.Collections.Generic;
using System.Linq;
using LeakCheck.Retention;
using Microsoft.Diagnostics.Runtime;

namespace LeakCheck.HeapAnalysis;

/// <summary>
/// Reads, from a loaded dump, the managed stack of each subject that is a <c>System.Threading.Thread</c>: the
/// thread is found by its managed thread id (the object's <c>_managedThreadId</c>), and each managed frame is kept as
/// its module file, method token and IL offset, for the engine to name. Only method identities are read, never a
/// value on the stack.
/// </summary>
internal static class ThreadStacks
{
    private const string ThreadType = "System.Threading.Thread";
    private const string ManagedThreadIdField = "_managedThreadId";

    /// <summary>Frames of each subject that is a running thread (innermost first), null for every other subject.</summary>
    public static IReadOnlyList<DumpedFrame>?[] Read(ClrRuntime runtime, IReadOnlyList<ulong> subjects)
    {
        var result = new IReadOnlyList<DumpedFrame>?[subjects.Count];
        Dictionary<int, ClrThread>? byId = null;
        for (var i = 0; i < subjects.Count; i++)
        {
            if (subjects[i] == 0 || runtime.Heap.GetObject(subjects[i]) is not { IsValid: true, Type.Name: ThreadType } thread
                || thread.Type.GetFieldByName(ManagedThreadIdField) is null)
            {
                continue;
            }

            byId ??= runtime.Threads.Where(t => t.IsAlive).GroupBy(t => t.ManagedThreadId).ToDictionary(g => g.Key, g => g.First());
            if (byId.TryGetValue(thread.ReadField<int>(ManagedThreadIdField), out var clrThread))
            {
                result[i] = Frames(clrThread);
            }
        }

        return result;
    }

    private static List<DumpedFrame> Frames(ClrThread thread)
    {
        var frames = new List<DumpedFrame>();
        foreach (var frame in thread.EnumerateStackTrace())
        {
            if (frame.Kind != ClrStackFrameKind.ManagedMethod || frame.Method is not { } method || method.Type?.Module?.Name is not { Length: > 0 } module)
            {
                continue;
            }

            frames.Add(new DumpedFrame(module, method.MetadataToken, method.GetILOffset(frame.InstructionPointer)));
        }

        return frames;
    }
}
