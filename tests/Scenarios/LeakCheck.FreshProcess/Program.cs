using System;
using System.Runtime.CompilerServices;
using System.Threading;
using System.Threading.Tasks;
using LeakCheck;
using LeakCheck.Engine;
using LeakCheck.Runtime;
using LeakCheck.Scopes;

namespace LeakCheck.FreshProcess;

/// <summary>
/// Checks that need a process of their own. Without arguments: begins a scope before anything in the process used
/// a task or a timer, leaks one of each, prints the report. <c>failfast-guard</c>: makes LeakCheck's context-switch
/// handler throw (the runtime ends the process when one does) and prints "survived" and the report's notices.
/// <c>registry</c>: prints whether the runtime's task registry is on before, during and after a scope, and whether
/// an async method abandoned outside any scope is collected afterwards. <c>settings</c>: prints the error a scope's
/// begin reports for the LEAKCHECK_* variables the caller set. <c>rx</c>: System.Reactive's process-wide timers, started
/// by the first test that uses Rx (see <see cref="ReactiveExtensions"/>).
/// </summary>
public static class Program
{
    private static readonly TaskCompletionSource s_never = new();
    private static readonly LeakCheckOptions s_short = new() { SettleTimeout = TimeSpan.FromMilliseconds(100) };
    private static Timer? s_timer;

    public static int Main(string[] args)
    {
        switch (args.Length == 0 ? string.Empty : args[0])
        {
            case "failfast-guard":
                return FailFastGuard();
            case "registry":
                return Registry();
            case "settings":
                return Settings();
            case "rx":
                return ReactiveExtensions.Run();
        }

        var scope = LeakScope.Begin("fresh process", s_short);
        _ = WaitForever();
        s_timer = new Timer(_ => { }, null, TimeSpan.FromMinutes(5), Timeout.InfiniteTimeSpan);
        Console.WriteLine(scope.End().Message);
        GC.KeepAlive(s_timer);
        return 0;
    }

    private static int FailFastGuard()
    {
        AmbientScope.TestFault = static () => throw new InvalidOperationException("injected fault");
        var scope = LeakScope.Begin("guarded", s_short);
        var thread = new Thread(static () => { }) { IsBackground = true };
        thread.Start();
        thread.Join();
        var report = scope.End();
        AmbientScope.TestFault = null;
        Console.WriteLine("survived");
        foreach (var notice in report.Notices)
        {
            Console.WriteLine(notice);
        }

        return 0;
    }

    private static int Settings()
    {
        try
        {
            LeakScope.Begin("configured", s_short).Dispose();
            Console.WriteLine("no error");
        }
        catch (LeakCheckConfigurationException ex)
        {
            Console.WriteLine(ex.Message);
        }

        return 0;
    }

    private static int Registry()
    {
        Console.WriteLine("before: " + (TaskRegistry.Instance.IsOn ? "on" : "off"));
        var scope = LeakScope.Begin("clean", s_short);
        Console.WriteLine("during: " + (TaskRegistry.Instance.IsOn ? "on" : "off"));
        Console.WriteLine("clean: " + !scope.End().HasLeaks);
        Console.WriteLine("after: " + (TaskRegistry.Instance.IsOn ? "on" : "off"));
        var payload = AbandonAsyncMethod();
        var result = CollectionWaiter.WaitUntilCollected(payload, TimeSpan.FromSeconds(1));
        Console.WriteLine("abandoned method collected: " + result.IsCollected);

        // While another test's scope is live the registry is on: what no scope owns must still be collectable.
        var live = LeakScope.Begin("live elsewhere", s_short);
        WeakReference? outside = null;
        var thread = new Thread(() => outside = AbandonAsyncMethod());
        thread.UnsafeStart();
        thread.Join();
        Console.WriteLine("abandoned beside a live scope collected: " + CollectionWaiter.WaitUntilCollected(outside!, TimeSpan.FromSeconds(1)).IsCollected);
        live.Dispose();
        return 0;
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static WeakReference AbandonAsyncMethod()
    {
        var payload = new object();
        _ = HoldUntilNever(payload, new TaskCompletionSource().Task);
        return new WeakReference(payload);
    }

    private static async Task HoldUntilNever(object payload, Task never)
    {
        await never;
        GC.KeepAlive(payload);
    }

    private static async Task WaitForever() => await s_never.Task;
}
