using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Linq;
using System.Threading;

namespace LeakCheck.Run;

/// <summary>
/// Counts, over a run, which frame created the leaks of which tests: when one frame that is not the test's own
/// created leaks in several tests (a library's delay, a shared helper's timer), each test has its own fingerprint (the
/// test frame is part of it) but there is one cause, and one <c>createdBy</c> rule accepts them all if it is accepted
/// work. Memory is bounded: at most <see cref="MaxCreators"/> distinct frames are counted; the rest are not.
/// </summary>
internal sealed class CreatorTally
{
    /// <summary>How many distinct creating frames a run counts.</summary>
    public const int MaxCreators = 1000;

    /// <summary>How many creators the summary names.</summary>
    public const int MaxShown = 5;

    private readonly ConcurrentDictionary<string, Counts> _creators = new(StringComparer.Ordinal);

    /// <summary>Counts the innermost creating frame of each leak of one test's report (a test counts once per frame).</summary>
    public void Add(LeakReport report)
    {
        foreach (var group in report.Items.Where(i => i.CreatedAt.Count >= 2).GroupBy(i => CreatedByRule.For(i.CreatedAt[0].Method), StringComparer.Ordinal))
        {
            if (group.Key is null || (_creators.Count >= MaxCreators && !_creators.ContainsKey(group.Key)))
            {
                continue;
            }

            var counts = _creators.GetOrAdd(group.Key, static _ => new Counts());
            Interlocked.Increment(ref counts.Tests);
            Interlocked.Add(ref counts.Leaks, group.Count());
            foreach (var item in group)
            {
                lock (counts.Kinds)
                {
                    counts.Kinds.Add(item.Kind);
                }
            }
        }
    }

    /// <summary>The frames that created leaks in two tests or more, most tests first (then by name: deterministic).</summary>
    public IReadOnlyList<CreatorCount> Shared()
        => [.. _creators.Where(c => Volatile.Read(ref c.Value.Tests) >= 2)
            .Select(c => new CreatorCount(c.Key, c.Value.Tests, c.Value.Leaks, KindsOf(c.Value)))
            .OrderByDescending(c => c.Tests).ThenBy(c => c.Creator, StringComparer.Ordinal)
            .Take(MaxShown)];

    private static IReadOnlyList<LeakKind> KindsOf(Counts counts)
    {
        lock (counts.Kinds)
        {
            return [.. counts.Kinds.Order()];
        }
    }

    private sealed class Counts
    {
        public readonly HashSet<LeakKind> Kinds = [];
        public int Tests;
        public int Leaks;
    }
}

/// <summary>One frame that created leaks in several tests.</summary>
internal sealed record CreatorCount(string Creator, int Tests, int Leaks, IReadOnlyList<LeakKind> Kinds);
