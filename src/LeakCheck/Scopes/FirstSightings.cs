using System.Collections.Generic;

namespace LeakCheck.Scopes;

/// <summary>
/// Numbers the items a probe finds when a check reads the runtime, not when they were created (registered waits,
/// work items, registrations, child processes): the first sighting gives an item its place in the scope's order, so
/// that its place in the report is the same at every settling step.
/// </summary>
internal sealed class FirstSightings
{
    private readonly Dictionary<long, long> _sequences = [];

    /// <summary>Returns the item's sequence in <paramref name="scope"/>, numbering it now when it is seen for the first time.</summary>
    /// <param name="scope">The scope that owns the item.</param>
    /// <param name="key">What tells the item apart from the scope's others (a pid, a thread id, an object's hash code).</param>
    public long SequenceOf(ScopeState scope, long key)
    {
        lock (_sequences)
        {
            if (!_sequences.TryGetValue(key, out var sequence))
            {
                sequence = scope.NextSequence();
                _sequences.Add(key, sequence);
            }

            return sequence;
        }
    }
}
