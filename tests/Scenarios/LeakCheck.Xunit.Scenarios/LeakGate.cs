using System.Threading;
using System.Threading.Tasks;

namespace LeakCheck.Xunit.Scenarios;

/// <summary>
/// Releases the work the leaky scenarios leave running, once the acceptance test has read the verdicts, so
/// that repeated runs in one process do not pile up blocked threads. The gate is the harness's, not the scenario's:
/// what it registers carries no test context (<see cref="ReleaseOnOpen"/>), so that a scenario reports only the leak it
/// is about, not also the harness's registration on this static source.
/// </summary>
public static class LeakGate
{
    // Created on first use, not by a static initializer: on .NET 8 LeakCheck cannot tell whether a static initializer
    // ran, and would name this source in the run summary as one it could not check.
    private static CancellationTokenSource? s_gate;

    public static CancellationToken Token => LazyInitializer.EnsureInitialized(ref s_gate).Token;

    public static void ReleaseAll() => Interlocked.Exchange(ref s_gate, new CancellationTokenSource())?.Cancel();

    /// <summary>A task that completes only when the gate opens: "a TaskCompletionSource nobody completes".</summary>
    public static Task NeverCompleted()
    {
        var source = new TaskCompletionSource();
        Token.UnsafeRegister(static s => ((TaskCompletionSource)s!).TrySetCanceled(), source);
        return source.Task;
    }

    /// <summary>Disposes <paramref name="disposable"/> when the gate opens.</summary>
    public static void ReleaseOnOpen(System.IDisposable disposable) => Token.UnsafeRegister(static d => ((System.IDisposable)d!).Dispose(), disposable);
}
