using System;
using System.Collections.Generic;
using System.Text;

namespace LeakCheck.Runtime;

/// <summary>
/// Every runtime mechanism LeakCheck reads, in one list: what each resolved on the running runtime and whether it
/// is available. The text of <see cref="Describe"/> is pinned per runtime major version by golden files in the
/// tests, so a runtime that moves a member shows up as a diff, not as a vaguer report.
/// </summary>
internal static class RuntimeLayer
{
    /// <summary>Gets each mechanism's name, availability (null when available) and resolved members.</summary>
    public static IReadOnlyList<(string Name, string? UnavailableReason, IReadOnlyList<string> Members)> Mechanisms =>
    [
        ("task registry", TaskRegistry.Instance.UnavailableReason, TaskRegistry.Instance.Members),
        ("async methods", AsyncMethods.Instance.UnavailableReason, AsyncMethods.Instance.Members),
        ("task shapes", TaskShapes.Instance.UnavailableReason, TaskShapes.Instance.Members),
        ("timer queues", TimerQueues.Instance.UnavailableReason, TimerQueues.Instance.Members),
        ("timer kinds", TimerKinds.Instance.UnavailableReason, TimerKinds.Instance.Members),
        ("channels", Channels.Instance.UnavailableReason, Channels.Instance.Members),
        ("registered waits", RegisteredWaits.Instance.UnavailableReason, RegisteredWaits.Instance.Members),
        ("cancellation registrations", CancellationRegistrations.Instance.UnavailableReason, CancellationRegistrations.Instance.Members),
        ("type initialization", null, TypeInitialization.Instance.Members),
        ("child processes", ChildProcesses.Instance.UnavailableReason, ChildProcesses.Instance.Members),
        ("socket operations", SocketOperations.Instance.UnavailableReason, SocketOperations.Instance.Members),
        ("thread starts", ThreadStarts.Verify(), ["frame: ExecutionContext.RunInternal under a thread start"]),
        ("os threads", OsThreads.Instance.UnavailableReason, OsThreads.Instance.Members),
        ("runtime events", null, [
            $"{RuntimeEvents.TplEventSource}: {RuntimeEvents.TraceOperationBegin} TraceOperationBegin, {RuntimeEvents.TraceOperationEnd} TraceOperationEnd, keywords 0x{(long)RuntimeEvents.AsyncCausalityOperation:x}",
            $"{RuntimeEvents.TplEventSource}: {RuntimeEvents.TraceSynchronousWorkBegin} TraceSynchronousWorkBegin, keywords 0x{(long)RuntimeEvents.AsyncCausalitySynchronousWork:x}",
            $"{RuntimeEvents.FrameworkEventSource}: {RuntimeEvents.ThreadTransferSend} ThreadTransferSend kind {RuntimeEvents.TimerTransferKind}, keywords 0x{(long)RuntimeEvents.ThreadTransfer:x}",
        ]),
    ];

    /// <summary>The golden text: one block per mechanism, its availability and members, in a fixed order.</summary>
    public static string Describe()
    {
        var text = new StringBuilder();
        text.Append("# LeakCheck runtime layer on .NET ").Append(Environment.Version.Major).Append('\n');
        foreach (var (name, reason, members) in Mechanisms)
        {
            text.Append('\n').Append(name).Append(": ").Append(reason is null ? "available" : "UNAVAILABLE: " + reason).Append('\n');
            foreach (var member in members)
            {
                text.Append("  ").Append(member).Append('\n');
            }
        }

        return text.ToString();
    }
}
