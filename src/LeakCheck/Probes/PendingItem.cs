using System.Collections.Generic;
using System.Diagnostics;

namespace LeakCheck.Probes;

/// <summary>
/// An item a probe found still pending. It holds descriptions only, never the object itself, so that a
/// report cannot keep a leak alive or print the values it holds.
/// </summary>
internal sealed class PendingItem
{
    public PendingItem(LeakKind kind, string typeName, SettleHint hint, long sequence)
    {
        Kind = kind;
        TypeName = typeName;
        Hint = hint;
        Sequence = sequence;
    }

    public LeakKind Kind { get; }

    /// <summary>Gets the readable type (or method, for async work) of the item.</summary>
    public string TypeName { get; }

    public SettleHint Hint { get; }

    /// <summary>Gets the creation order within the owning scope.</summary>
    public long Sequence { get; }

    /// <summary>Gets or sets the name the user gave the item, if any.</summary>
    public string? Name { get; init; }

    /// <summary>
    /// Gets or sets what tells this item from others of its kind and type without a creation stack (a timer's callback),
    /// for its fingerprint; null when the type says it all (an async method's type is its method).
    /// </summary>
    public string? Identity { get; init; }

    /// <summary>Gets or sets detail lines, such as where the item waits or its schedule.</summary>
    public string[]? Details { get; init; }

    /// <summary>Gets or sets the leaked object itself, weakly, for retention analysis (null when there is none to analyse).</summary>
    public System.WeakReference? Subject { get; init; }

    /// <summary>
    /// Gets or sets a value indicating whether the entry only makes settling wait (a thread that exists but has not yet
    /// run managed code, so no probe knows whose it is): it is never a leak, and is dropped when settling ends.
    /// </summary>
    public bool IsProvisional { get; init; }

    /// <summary>
    /// Gets or sets, for a provisional entry, what starts a task that completes when the entry may have resolved (a
    /// starting thread ran managed code): settling waits for that rather than polling. Null: settling polls.
    /// </summary>
    public System.Func<System.Threading.Tasks.Task>? WhenChanged { get; init; }

    /// <summary>Gets or sets a value indicating whether an ignore rule will accept the item (settling does not wait for it).</summary>
    public bool IsIgnored { get; set; }

    /// <summary>
    /// Gets or sets the soonest the item can finish on its own: a timer's next firing, or the <c>Task.Delay</c> an
    /// async method awaits. <see cref="System.TimeSpan.Zero"/> (the default) when it may finish any time.
    /// </summary>
    public System.TimeSpan EarliestCompletion { get; init; }

    /// <summary>
    /// Gets or sets a value indicating whether the item holds nothing but the continuations of other pending work
    /// (a <c>Task.Delay</c>): its finishing cannot free anything the test left, so it does not call for another
    /// collection.
    /// </summary>
    public bool ReleasesNothing { get; init; }

    /// <summary>
    /// Gets or sets the creation stacks of the owned work that created this item, innermost first: an async method
    /// started inside a <c>Task.Run</c> delegate was created on a pool thread, and the stack that started the
    /// <c>Task.Run</c> is where the test's own frames are.
    /// </summary>
    public IReadOnlyList<StackTrace>? StartedBy { get; init; }

    /// <summary>Gets or sets the stack captured when the item was created, without file information.</summary>
    public StackTrace? CreationStack { get; init; }
}
