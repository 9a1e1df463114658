using System;
using System.Collections.Generic;

namespace LeakCheck;

/// <summary>
/// One item a test left alive: what it is, who owns it and where it was created. It describes the item
/// only by types, member names and code locations, never by the values it holds.
/// </summary>
public sealed class LeakedItem
{
    internal LeakedItem(LeakKind kind, string typeName, string? name, string owner, IReadOnlyList<string> details,
        IReadOnlyList<SourceFrame> createdAt, int omittedFrames, string fingerprint)
    {
        Kind = kind;
        TypeName = typeName;
        Name = name;
        Owner = owner;
        Details = details;
        CreatedAt = createdAt;
        OmittedFrames = omittedFrames;
        OmittedAt = createdAt.Count;
        Fingerprint = fingerprint;
    }

    /// <summary>
    /// Gets where in <see cref="CreatedAt"/> the <see cref="OmittedFrames"/> were left out: the frames before this index
    /// are the innermost ones, the frames from it on the outermost (the test's own frame is always kept).
    /// </summary>
    public int OmittedAt { get; internal init; }

    /// <summary>Gets the kind of the item.</summary>
    public LeakKind Kind { get; }

    /// <summary>Gets the readable type of the item, or the method for async work.</summary>
    public string TypeName { get; }

    /// <summary>Gets the name given when the item was tracked, or null.</summary>
    public string? Name { get; }

    /// <summary>Gets the name of the scope (the test) that created the item.</summary>
    public string Owner { get; }

    /// <summary>Gets detail lines, such as where the item waits or its schedule.</summary>
    public IReadOnlyList<string> Details { get; }

    /// <summary>Gets the user frames of the creation stack, innermost first, cut to the configured maximum.</summary>
    public IReadOnlyList<SourceFrame> CreatedAt { get; }

    /// <summary>Gets how many further user frames were cut from <see cref="CreatedAt"/>.</summary>
    public int OmittedFrames { get; }

    /// <summary>Gets the stable identity of the item, used to accept a known leak.</summary>
    public string Fingerprint { get; }

    /// <summary>Gets or sets why the item is still alive (a retention path), when heap analysis ran.</summary>
    public IReadOnlyList<string> AliveBecause { get; internal init; } = Array.Empty<string>();
}
