using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using LeakCheck.Probes;
using LeakCheck.Scopes;

namespace LeakCheck.Settling;

/// <summary>
/// Gives the runtime its chance before a verdict, escalating only while the scope still owns pending items:
/// nothing pending, nothing done; then a gen1 collection; then one non-compacting full collection with
/// finalizers; then bounded waits with backoff while running work may still finish within the budget, with one grace full
/// collection after the first wait when objects remain; and one more full collection only when running work
/// finished and left objects to collect.
/// </summary>
internal static class Settler
{
    /// <summary>How many times a synchronous check only gives way to other threads while a starting thread is all that is pending.</summary>
    private const int MaxSynchronousYields = 4;

    public static async ValueTask<SettleResult> SettleAsync(ScopeState scope, bool synchronous)
    {
        var clock = Stopwatch.StartNew();
        var notices = new List<string>();
        var gen1 = 0;
        var full = 0;
        var budget = scope.Options.SettleTimeout;

        var pending = Collect(scope, notices);
        if (pending.Count > 0 && !synchronous)
        {
            // The caller may be running inline on the stack of the test's last continuation (for example an
            // async Dispose that completed the chain), whose frames still reference the test class instance.
            // Leaving that stack first keeps those frames from rooting what the test left behind.
            await default(PoolYield);
        }

        // Escalation starts when the first item that a collection could release is pending, also when it appears only
        // while waiting (a thread started in the test's last statement is recorded when it first runs, maybe after the
        // check began): the evidence in a report (gen1, full, grace) then does not depend on that timing.
        var escalated = false;
        var graceCollection = false;
        EscalateIfNeeded();

        var finishedSinceLastCollection = false;
        var backoff = default(Backoff);
        var startingBackoff = Backoff.StartingShort;
        var waits = 0;
        var startingWaits = 0;
        string? firstWaitFor = null;
        var yields = 0;
        while (pending.Count > 0 && clock.Elapsed < budget && (graceCollection || CanFinishInTime(pending, budget - clock.Elapsed)))
        {
            // Computed once and clamped: a negative span here would be Thread.Sleep(-1), an infinite sleep.
            var remaining = budget - clock.Elapsed;
            if (remaining <= TimeSpan.Zero)
            {
                break;
            }

            var provisionalOnly = pending.TrueForAll(static p => p.IsProvisional);
            waits++;
            startingWaits += provisionalOnly ? 1 : 0;
            if (waits == 1 && SettleTrace.Enabled)
            {
                firstWaitFor = SettleTrace.Describe(pending);
            }

            // A thread that has not run managed code yet is all that is pending: it normally does within microseconds, so
            // settling resumes as soon as a thread is seen running (or after a short backoff that starts at 1 ms). A
            // synchronous check (the calling thread blocks anyway) first only gives way to other threads a few times and
            // then sleeps: a plain sleep, so that code watching the checking thread sees it waiting at once.
            if (synchronous && provisionalOnly && yields < MaxSynchronousYields)
            {
                yields++;
                Thread.Yield();
            }
            else if (synchronous)
            {
                Thread.Sleep(provisionalOnly ? startingBackoff.Next(remaining) : backoff.Next(remaining));
            }
            else
            {
                var delay = provisionalOnly ? startingBackoff.Next(remaining) : backoff.Next(remaining);
                if ((provisionalOnly ? WhenAnyChanged(pending) : null) is { } changed)
                {
                    using var stop = new CancellationTokenSource();
                    await Task.WhenAny(changed, Task.Delay(delay, stop.Token)).ConfigureAwait(false);
                    stop.Cancel();
                }
                else
                {
                    await Task.Delay(delay).ConfigureAwait(false);
                }
            }

            if (graceCollection)
            {
                graceCollection = false;
                FullCollection(budget - clock.Elapsed, notices);
                full++;
            }

            var running = Running(pending);
            pending = Collect(scope, notices);
            running.ExceptWith(Running(pending));
            finishedSinceLastCollection |= running.Count > 0;
            EscalateIfNeeded();
        }

        // Under a loaded machine the budget can run out before the loop above ran at all; the grace collection
        // still happens (without the wait), so the evidence in a report does not depend on machine load.
        if (graceCollection && NeedsCollection(pending))
        {
            FullCollection(budget - clock.Elapsed, notices);
            full++;
            pending = Collect(scope, notices);
        }

        if (finishedSinceLastCollection && NeedsCollection(pending))
        {
            FullCollection(budget - clock.Elapsed, notices);
            full++;
            pending = Collect(scope, notices);
        }

        // What only made settling wait (a thread start still in flight when the budget ran out) is nobody's leak.
        pending.RemoveAll(static p => p.IsProvisional);
        SettleTrace.Write(scope, clock.Elapsed, gen1, full, waits, startingWaits, firstWaitFor, pending);
        return new SettleResult(pending, clock.Elapsed, gen1, full, notices);

        // A gen1 collection, then one full collection while objects remain, then (after the next wait) one grace
        // full collection while objects still remain; once per settle.
        void EscalateIfNeeded()
        {
            if (escalated || pending.Count == 0 || !NeedsCollection(pending))
            {
                return;
            }

            escalated = true;
            ForcedCollection.Gen1();
            gen1++;
            pending = Collect(scope, notices);
            if (pending.Count > 0 && NeedsCollection(pending))
            {
                FullCollection(budget - clock.Elapsed, notices);
                full++;
                pending = Collect(scope, notices);
            }

            // One grace collection after the first wait: the test's last continuation (an async Dispose, say) may
            // still be unwinding on another thread, and its frames root the test class until they are gone.
            graceCollection = NeedsCollection(pending);
        }
    }

    // What completes when one of the provisional items may have resolved, or null when none says.
    private static Task? WhenAnyChanged(List<PendingItem> pending)
    {
        var signals = pending.Where(static p => p.WhenChanged is not null).Select(static p => p.WhenChanged!()).ToList();
        return signals.Count switch
        {
            0 => null,
            1 => signals[0],
            _ => Task.WhenAny(signals),
        };
    }

    private static void FullCollection(TimeSpan remaining, List<string> notices)
    {
        var finalizerTimeout = remaining > TimeSpan.FromMilliseconds(100) ? remaining : TimeSpan.FromMilliseconds(100);
        if (!ForcedCollection.FullWithFinalizers(finalizerTimeout))
        {
            notices.Add("Finalizers did not finish within the settle time-out; objects released by finalizers may be reported.");
        }
    }

    private static List<PendingItem> Collect(ScopeState scope, List<string> notices)
    {
        var pending = new List<PendingItem>();
        ProbeRegistry.ForEachAvailable(probe => probe.CollectPending(scope, pending), notices);
        foreach (var item in pending)
        {
            item.IsIgnored = Ignoring.IgnoreRegistry.WillIgnore(item, scope.Options);
        }

        return pending;
    }

    // Items an ignore rule accepts do not make settling wait or collect: they would be accepted anyway.
    private static bool NeedsCollection(List<PendingItem> pending) => pending.Any(static p => (p.Hint & SettleHint.Collection) != 0 && !p.IsIgnored);

    // Waiting helps only while some running work can finish within the budget: a timer due in 30 s (or an async
    // method awaiting such a Task.Delay) cannot, and when nothing else runs, waiting would only delay the verdict.
    internal static bool CanFinishInTime(List<PendingItem> pending, TimeSpan remaining)
        => pending.Any(p => (p.Hint & SettleHint.Completion) != 0 && !p.IsIgnored && p.EarliestCompletion < remaining);

    // Running work by identity: a loop caught between two awaits shows its new Task.Delay beside it, and that delay
    // firing frees nothing (it holds only the loop's continuation), so it is not "work that finished".
    private static HashSet<long> Running(List<PendingItem> pending)
        => pending.Where(static p => (p.Hint & SettleHint.Completion) != 0 && !p.IsIgnored && !p.ReleasesNothing).Select(static p => p.Sequence).ToHashSet();
}
