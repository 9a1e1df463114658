using System;
using System.Diagnostics;
using System.Threading;
using System.Threading.Tasks;

namespace LeakCheck.Runtime;

/// <summary>
/// Tells whether an execution-context switch on the current thread is the start of a thread created with
/// <c>Thread.Start</c> (which flows the creator's context), as opposed to a task or a continuation that runs on a
/// dedicated thread. The runtime raises no in-process event for a thread start; this reads the shape of the
/// stack under <c>ExecutionContext.RunInternal</c>, which is runtime internal, so it is checked once against a
/// real thread start and the probe is unavailable when the shape differs.
/// </summary>
internal static class ThreadStarts
{
    /// <summary>The frame under which a started thread runs its start delegate.</summary>
    private const string RunInternal = "RunInternal";

    /// <summary>Gets a value indicating whether the current context switch starts the current thread.</summary>
    public static bool IsThreadStart()
    {
        var current = Thread.CurrentThread;
        if (current.IsThreadPoolThread || Task.CurrentId is not null)
        {
            return false;
        }

        // Under the notification: [handler...] AsyncLocal.OnValueChanged, ExecutionContext.OnValuesChanged,
        // ExecutionContext.RunInternal, then for a thread start nothing or the Thread's own start frames; for a
        // continuation, the task or state machine that runs it.
        var frames = new StackTrace(fNeedFileInfo: false).GetFrames();
        for (var i = 0; i < frames.Length; i++)
        {
            var method = frames[i].GetMethod();
            if (method?.DeclaringType == typeof(ExecutionContext) && method.Name == RunInternal)
            {
                if (i + 1 == frames.Length)
                {
                    return true;
                }

                var next = frames[i + 1].GetMethod()?.DeclaringType;
                return next == typeof(Thread) || next?.DeclaringType == typeof(Thread);
            }
        }

        return false;
    }

    /// <summary>
    /// Starts one thread under a private notifying context and returns null when the detector recognised its start,
    /// or why it did not.
    /// </summary>
    public static string? Verify()
    {
        var recognised = false;
        var notified = false;
        var local = new AsyncLocal<object?>(args =>
        {
            if (args.ThreadContextChanged && args.CurrentValue is not null)
            {
                notified = true;
                recognised |= IsThreadStart();
            }
        });
        local.Value = new object();
        var thread = new Thread(static () => { }) { IsBackground = true, Name = "LeakCheck thread-start check" };
        thread.Start();
        var finished = thread.Join(TimeSpan.FromSeconds(5));
        local.Value = null;
        return !finished ? "the check thread did not finish"
            : !notified ? "a started thread received no execution-context notification"
            : !recognised ? "the runtime's stack at a thread start has an unexpected shape"
            : null;
    }
}
