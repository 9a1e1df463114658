using System;
using System.Threading;

namespace LeakCheck.Scopes;

/// <summary>
/// The per-scope record every probe writes into. It is what the execution context carries, so it must stay
/// small: <see cref="Release"/> drops every record when the scope ends, so that work leaked by the test (which
/// still carries this object in its context) keeps nothing else alive.
/// </summary>
internal sealed class ScopeState
{
    private static long s_nextId;

    private readonly object?[] _probeSlots;
    private long _sequence;
    private int _ended;
    private int _begunProbes;

    public ScopeState(string name, LeakCheckOptions options, int probeCount)
    {
        Id = Interlocked.Increment(ref s_nextId);
        Name = name;
        Options = options;
        _probeSlots = new object?[probeCount];
    }

    public long Id { get; }

    /// <summary>Creates a scope that has already ended: it owns nothing (see <see cref="AmbientScope.Nobody"/>).</summary>
    public static ScopeState CreateEnded(string name)
    {
        var state = new ScopeState(name, new LeakCheckOptions(), 0);
        state.TryEnd();
        return state;
    }

    /// <summary>
    /// Gets or sets a value indicating whether every <c>Task.Delay</c> created in this scope gets a creation stack: the
    /// test framework arms one of its own during the test (a time-out), and only its stack tells it from the test's.
    /// </summary>
    public bool WalkEveryDelay { get; set; }

    /// <summary>
    /// Gets or sets the start of an operation name whose first creation in this scope is not walked for a stack (the test
    /// body, <c>Async: &lt;Test&gt;d__</c>: matched when only digits follow), or null.
    /// </summary>
    public string? UnwalkedOperation { get; set; }

    /// <summary>Returns true once, for the first creation of an operation <see cref="UnwalkedOperation"/> names.</summary>
    public bool TakeUnwalked(string operation)
    {
        if (UnwalkedOperation is not { } unwalked || operation.Length == unwalked.Length
            || !operation.StartsWith(unwalked, StringComparison.Ordinal) || !IsDigits(operation.AsSpan(unwalked.Length)))
        {
            return false;
        }

        UnwalkedOperation = null;
        return true;
    }

    private static bool IsDigits(ReadOnlySpan<char> text)
    {
        foreach (var c in text)
        {
            if (!char.IsAsciiDigit(c))
            {
                return false;
            }
        }

        return true;
    }

    public string Name { get; }

    public LeakCheckOptions Options { get; }

    /// <summary>Gets a value indicating whether the scope has ended; probes record nothing into an ended scope.</summary>
    public bool IsEnded => Volatile.Read(ref _ended) != 0;

    /// <summary>Records that the probe at <paramref name="probeIndex"/> began this scope (it must be told when it ends).</summary>
    public void MarkBegun(int probeIndex) => _begunProbes |= 1 << probeIndex;

    /// <summary>Gets a value indicating whether the probe at <paramref name="probeIndex"/> began this scope.</summary>
    public bool HasBegun(int probeIndex) => (_begunProbes & (1 << probeIndex)) != 0;

    /// <summary>Returns a number that orders items by creation within this scope.</summary>
    public long NextSequence() => Interlocked.Increment(ref _sequence);

    /// <summary>Marks the scope ended. Returns false when it had already ended.</summary>
    public bool TryEnd() => Interlocked.Exchange(ref _ended, 1) == 0;

    /// <summary>Gets the state a probe keeps for this scope, creating it on first use.</summary>
    public T GetOrCreateSlot<T>(int probeIndex, Func<T> create)
        where T : class
    {
        var existing = Volatile.Read(ref _probeSlots[probeIndex]);
        if (existing is not null)
        {
            return (T)existing;
        }

        var created = create();
        return (T)(Interlocked.CompareExchange(ref _probeSlots[probeIndex], created, null) ?? created);
    }

    /// <summary>
    /// Gets the state a probe keeps for this scope, or null when it recorded nothing, or when the scope has no slots at
    /// all (<see cref="CreateEnded"/>: <see cref="AmbientScope.Nobody"/>, which code still runs in and leaves).
    /// </summary>
    public T? GetSlot<T>(int probeIndex)
        where T : class
        => probeIndex < _probeSlots.Length ? (T?)Volatile.Read(ref _probeSlots[probeIndex]) : null;

    /// <summary>Drops every per-scope record so that the scope costs nothing once it is over.</summary>
    public void Release()
    {
        for (var i = 0; i < _probeSlots.Length; i++)
        {
            Volatile.Write(ref _probeSlots[i], null);
        }
    }
}
