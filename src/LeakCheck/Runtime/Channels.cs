using System;
using System.Collections.Generic;
using System.Linq;

namespace LeakCheck.Runtime;

/// <summary>What a channel operation an async method awaits is.</summary>
internal enum ChannelOperation
{
    /// <summary>Not a recognised channel operation.</summary>
    Unknown,

    /// <summary><c>ChannelReader&lt;T&gt;.ReadAsync</c>.</summary>
    Read,

    /// <summary><c>ChannelReader&lt;T&gt;.WaitToReadAsync</c>.</summary>
    WaitToRead,

    /// <summary><c>ChannelReader&lt;T&gt;.ReadAllAsync</c> (the BCL iterator the user's method awaits).</summary>
    ReadAll,

    /// <summary><c>ChannelWriter&lt;T&gt;.WriteAsync</c>.</summary>
    Write,

    /// <summary><c>ChannelWriter&lt;T&gt;.WaitToWriteAsync</c>.</summary>
    WaitToWrite,

    /// <summary>A wait to read or to write that the runtime does not tell apart (.NET 8 and 9, a method holding both ends).</summary>
    WaitEitherSide,
}

/// <summary>
/// Tells what a blocked channel operation is from the <c>IValueTaskSource</c> an async method awaits. .NET 10 and
/// later have one type per operation (<c>BlockedReadAsyncOperation&lt;T&gt;</c>, <c>WaitingReadAsyncOperation</c>,
/// <c>BlockedWriteAsyncOperation&lt;T&gt;</c>, <c>WaitingWriteAsyncOperation</c>); .NET 8 and 9 share
/// <c>AsyncOperation&lt;T&gt;</c> (a read of T, or with T = bool a wait), <c>VoidAsyncOperationWithData&lt;T&gt;</c> (a
/// write of T). There, an operation queued as a waiter is linked into a ring (<c>Next</c> is set, to itself when
/// alone) while a blocked read is not: a read of T, or a single-reader channel's wait, has no <c>Next</c>. Whether a
/// waiter waits to read or to write is not on the operation; the channel end the awaiting method holds tells.
/// An <c>await foreach</c> over <c>ReadAllAsync</c> awaits the BCL iterator <c>&lt;ReadAllAsync&gt;d__N</c>.
/// </summary>
internal sealed class Channels
{
    private const string Namespace = "System.Threading.Channels";
    private const string NextField = "<Next>k__BackingField";

    private readonly System.Collections.Concurrent.ConcurrentDictionary<Type, System.Reflection.FieldInfo?> _next = new();

    private Channels()
    {
        var lookup = new MemberLookup();
        var assembly = typeof(System.Threading.Channels.Channel).Assembly;
        var perOperation = lookup.Type(assembly, Namespace + ".BlockedReadAsyncOperation`1", required: false) is not null;
        if (perOperation)
        {
            lookup.Type(assembly, Namespace + ".WaitingReadAsyncOperation");
            lookup.Type(assembly, Namespace + ".BlockedWriteAsyncOperation`1");
            lookup.Type(assembly, Namespace + ".WaitingWriteAsyncOperation");
            lookup.Note("operations: one type per operation");
        }
        else
        {
            if (lookup.Type(assembly, Namespace + ".AsyncOperation`1") is { } operation)
            {
                lookup.Field(operation, NextField, typeof(object));
            }

            lookup.Type(assembly, Namespace + ".VoidAsyncOperationWithData`1");
            lookup.Note("operations: AsyncOperation<T> for reads and waits, VoidAsyncOperationWithData<T> for writes");
        }

        PerOperationTypes = perOperation;
        Members = lookup.Resolved;
        UnavailableReason = lookup.UnavailableReason;
    }

    public static Channels Instance { get; } = new();

    public string? UnavailableReason { get; }

    public IReadOnlyList<string> Members { get; }

    /// <summary>Gets a value indicating whether the runtime has one operation type per operation (.NET 10 and later).</summary>
    public bool PerOperationTypes { get; }

    /// <summary>Gets a value indicating whether <paramref name="type"/> is one of the channels library's own types.</summary>
    public static bool IsChannelType(Type type) => type.Namespace == Namespace;

    /// <summary>
    /// Classifies an awaited object of the channels library. <paramref name="awaiterFieldTypes"/> are the field types of
    /// the awaiting state machine (which channel ends it holds), used where the operation type alone does not tell.
    /// </summary>
    public (ChannelOperation Operation, Type? Element) Classify(object awaited, IReadOnlyList<Type> awaiterFieldTypes)
    {
        var type = awaited.GetType();
        var name = type.Name;
        var element = type.IsGenericType ? type.GetGenericArguments()[0] : null;
        if (name.StartsWith("<ReadAllAsync>", StringComparison.Ordinal))
        {
            return (ChannelOperation.ReadAll, element);
        }

        if (PerOperationTypes)
        {
            return name.StartsWith("BlockedRead", StringComparison.Ordinal) ? (ChannelOperation.Read, element)
                : name.StartsWith("WaitingRead", StringComparison.Ordinal) ? (ChannelOperation.WaitToRead, null)
                : name.StartsWith("BlockedWrite", StringComparison.Ordinal) ? (ChannelOperation.Write, element)
                : name.StartsWith("WaitingWrite", StringComparison.Ordinal) ? (ChannelOperation.WaitToWrite, null)
                : (ChannelOperation.Unknown, null);
        }

        if (name.StartsWith("VoidAsyncOperationWithData", StringComparison.Ordinal))
        {
            return (ChannelOperation.Write, element);
        }

        if (!name.StartsWith("AsyncOperation", StringComparison.Ordinal) || element is null)
        {
            return (ChannelOperation.Unknown, null);
        }

        var queuedAsWaiter = _next.GetOrAdd(type, static t => t.GetField(NextField, System.Reflection.BindingFlags.Instance | System.Reflection.BindingFlags.NonPublic))?.GetValue(awaited) is not null;
        var holdsWriter = awaiterFieldTypes.Any(t => IsEnd(t, "ChannelWriter`1"));
        var holdsReader = awaiterFieldTypes.Any(t => IsEnd(t, "ChannelReader`1"));
        if (!queuedAsWaiter)
        {
            // A blocked read (of a Channel<bool>, when the element is bool), or a single-reader channel's wait.
            return element != typeof(bool) || awaiterFieldTypes.Any(t => ElementOf(t) == typeof(bool))
                ? (ChannelOperation.Read, element)
                : (ChannelOperation.WaitToRead, null);
        }

        return holdsWriter == holdsReader ? (ChannelOperation.WaitEitherSide, null)
            : holdsWriter ? (ChannelOperation.WaitToWrite, null)
            : (ChannelOperation.WaitToRead, null);
    }

    private static bool IsEnd(Type type, string end)
    {
        for (Type? t = type; t is not null; t = t.BaseType)
        {
            if (t.IsGenericType && t.Namespace == Namespace && t.Name == end)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>The element type of a channel, reader or writer type, or null.</summary>
    public static Type? ElementOf(Type type)
    {
        for (Type? t = type; t is not null; t = t.BaseType)
        {
            if (t.IsGenericType && t.Namespace == Namespace && t.Name is "ChannelReader`1" or "ChannelWriter`1" or "Channel`1" or "Channel`2")
            {
                return t.GetGenericArguments()[0];
            }
        }

        return null;
    }
}
