using System.Collections.Generic;
using System.Threading;
using LeakCheck.Runtime;

namespace LeakCheck.Scopes;

/// <summary>
/// The process and thread ids the kernel handed out while each scope's test code ran: the last id at the scope's
/// begin and at the start of its check (Linux procfs, <see cref="OsThreads.LastCreatedId"/>). A thread or child
/// process the test's code created has an id in that range; one created before the test began, or after its check
/// began, does not. Ids are handed out to every process of the machine, so the range also holds others': it says
/// who cannot own an id, never who does.
/// </summary>
/// <remarks>
/// A fixed table of plain arrays, a slot by scope id (a newer scope overwrites the slot of one 4,096 scopes older):
/// a scope allocates nothing here. Each slot is written by its scope's begin and check, and read by any check; a
/// reader that sees the slot's id change while it reads takes the slot as empty.
/// </remarks>
internal static class ScopeIdRanges
{
    /// <summary>How many scopes' ranges are remembered.</summary>
    public const int Slots = 4096;

    private const int Open = -1;

    private static readonly long[] s_ids = new long[Slots];
    private static readonly int[] s_begins = new int[Slots];
    private static readonly int[] s_ends = new int[Slots];

    /// <summary>Records the last id handed out before any of the scope's test code runs.</summary>
    public static void Begin(ScopeState scope)
    {
        if (OsThreads.Instance.UnavailableReason is not null)
        {
            return;
        }

        var slot = SlotOf(scope.Id);
        Volatile.Write(ref s_ids[slot], 0);
        s_begins[slot] = OsThreads.Instance.LastCreatedId();
        s_ends[slot] = Open;
        Volatile.Write(ref s_ids[slot], scope.Id);
    }

    /// <summary>Records the last id handed out when the scope's check begins (its test code is done); later calls do nothing.</summary>
    public static void End(ScopeState scope)
    {
        var slot = SlotOf(scope.Id);
        if (Volatile.Read(ref s_ids[slot]) == scope.Id && Volatile.Read(ref s_ends[slot]) == Open)
        {
            Volatile.Write(ref s_ends[slot], OsThreads.Instance.LastCreatedId());
        }
    }

    /// <summary>
    /// Whether <paramref name="id"/> was handed out while the scope's test code ran (after its begin, and not after its
    /// check began); null when the scope's range is not known (not recorded, or overwritten).
    /// </summary>
    public static bool? Holds(long scopeId, int id)
        => Read(SlotOf(scopeId)) is { } range && range.Id == scopeId ? range.Holds(id) : null;

    /// <summary>Lists the scopes whose range holds <paramref name="id"/>: the ones whose test code ran when it was handed out.</summary>
    public static List<long> Holding(int id)
    {
        var found = new List<long>();
        for (var slot = 0; slot < Slots; slot++)
        {
            if (Read(slot) is { } range && range.Holds(id))
            {
                found.Add(range.Id);
            }
        }

        return found;
    }

    private static int SlotOf(long scopeId) => (int)(scopeId % Slots);

    private static IdRange? Read(int slot)
    {
        var id = Volatile.Read(ref s_ids[slot]);
        if (id == 0)
        {
            return null;
        }

        var begin = Volatile.Read(ref s_begins[slot]);
        var end = Volatile.Read(ref s_ends[slot]);
        return Volatile.Read(ref s_ids[slot]) == id ? new IdRange(id, begin, end == Open ? null : end) : null;
    }

    /// <summary>One scope's range: after <see cref="Begin"/>, and up to <see cref="End"/> (none yet: still running).</summary>
    private readonly record struct IdRange(long Id, int Begin, int? End)
    {
        public bool Holds(int id) => OsThreads.Instance.IsAfter(id, Begin) && (End is not { } end || !OsThreads.Instance.IsAfter(id, end));
    }
}
