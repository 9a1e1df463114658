using System;
using System.Runtime.CompilerServices;
using System.Threading;

namespace LeakCheck.Settling;

/// <summary>
/// An await that resumes on a thread-pool thread whatever synchronization context is current. <c>Task.Yield</c> posts to
/// the current context, which in a test run is often the framework's own (xUnit v2's <c>MaxConcurrencySyncContext</c>
/// runs continuations on as many threads as tests may run in parallel): a check's yield then waits behind other tests'
/// work for milliseconds. No execution context is captured here (an async method's continuation restores its own).
/// </summary>
internal readonly struct PoolYield : ICriticalNotifyCompletion
{
    public bool IsCompleted => false;

    public PoolYield GetAwaiter() => this;

    public void GetResult()
    {
    }

    public void OnCompleted(Action continuation) => ThreadPool.QueueUserWorkItem(static c => c(), continuation, preferLocal: false);

    public void UnsafeOnCompleted(Action continuation) => ThreadPool.UnsafeQueueUserWorkItem(static c => c(), continuation, preferLocal: false);
}
