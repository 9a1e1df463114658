using System.Threading;
using System.Threading.Tasks;

namespace LeakCheck.Xunit.Scenarios;

/// <summary>
/// Releases the work the leaky scenarios leave running, once the acceptance test has read the verdicts, so
/// that repeated runs in one process do not pile up blocked threads.
/// </summary>
public static class LeakGate
{
    private static CancellationTokenSource s_gate = new();

    public static CancellationToken Token => Volatile.Read(ref s_gate).Token;

    public static void ReleaseAll() => Interlocked.Exchange(ref s_gate, new CancellationTokenSource()).Cancel();

    /// <summary>A task that completes only when the gate opens: "a TaskCompletionSource nobody completes".</summary>
    public static Task NeverCompleted()
    {
        var source = new TaskCompletionSource();
        Token.Register(() => source.TrySetCanceled());
        return source.Task;
    }
}
