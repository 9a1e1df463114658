using System;
using System.Collections.Generic;
using System.Reflection;
using System.Runtime.CompilerServices;
using System.Threading;

namespace LeakCheck.Runtime;

/// <summary>
/// The cancellation sources an object that outlives the test holds (a test fixture, and through it a host's
/// application lifetime): its instance fields are followed, by their values' runtime types, down to
/// <see cref="MaxDepth"/> objects away, reading at most <see cref="MaxObjects"/> objects per holder. Strings, arrays,
/// delegates, reflection objects, tasks and threads are not followed (collections are not walked). Only field reads:
/// no property getter, no user code.
/// </summary>
internal static class TokenHolders
{
    /// <summary>How many objects away from the holder a source is still found (fixture → host → lifetime → source).</summary>
    public const int MaxDepth = 3;

    public const int MaxObjects = 256;

    private const BindingFlags Instances = BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.DeclaredOnly;

    private static readonly ConditionalWeakTable<Type, FieldInfo[]> s_fields = new();

    /// <summary>Adds each source <paramref name="holder"/> holds, with the names of the fields that lead to it.</summary>
    public static void SourcesOf(object holder, List<HeldSource> found)
    {
        var visited = new HashSet<object>(ReferenceEqualityComparer.Instance) { holder };
        var level = new List<(object Value, string Path)> { (holder, string.Empty) };
        for (var depth = 1; depth <= MaxDepth && level.Count > 0; depth++)
        {
            var next = new List<(object Value, string Path)>();
            foreach (var (value, path) in level)
            {
                foreach (var field in FieldsOf(value.GetType()))
                {
                    var held = field.GetValue(value);
                    var at = path.Length == 0 ? field.Name : path + "." + field.Name;
                    switch (held)
                    {
                        case null:
                            continue;
                        case CancellationTokenSource source:
                            found.Add(new HeldSource(source, at));
                            continue;
                        case CancellationToken token:
                            if (CancellationRegistrations.Instance.SourceOf(token) is { } tokenSource)
                            {
                                found.Add(new HeldSource(tokenSource, at));
                            }

                            continue;
                    }

                    if (depth < MaxDepth && visited.Count < MaxObjects && IsFollowed(held.GetType()) && visited.Add(held))
                    {
                        next.Add((held, at));
                    }
                }
            }

            level = next;
        }
    }

    private static bool IsFollowed(Type type)
        => !type.IsValueType && !type.IsArray && type != typeof(string) && !typeof(Delegate).IsAssignableFrom(type)
            && !typeof(MemberInfo).IsAssignableFrom(type) && !typeof(System.Threading.Tasks.Task).IsAssignableFrom(type)
            && !typeof(Thread).IsAssignableFrom(type) && !typeof(System.Collections.IEnumerable).IsAssignableFrom(type);

    /// <summary>The instance fields of a type and its bases that can hold a source: reference-typed ones and tokens.</summary>
    private static FieldInfo[] FieldsOf(Type type)
        => s_fields.GetValue(type, static t =>
        {
            var fields = new List<FieldInfo>();
            for (var current = t; current is not null && current != typeof(object); current = current.BaseType)
            {
                foreach (var field in current.GetFields(Instances))
                {
                    var fieldType = field.FieldType;
                    if (fieldType == typeof(CancellationToken) || fieldType == typeof(CancellationToken?)
                        || (!fieldType.IsValueType && !fieldType.IsPointer && !fieldType.IsByRef))
                    {
                        fields.Add(field);
                    }
                }
            }

            return [.. fields];
        });
}

/// <summary>A source an object holds, and the fields (names only) that lead to it: <c>_host._applicationLifetime._stoppingSource</c>.</summary>
internal readonly record struct HeldSource(CancellationTokenSource Source, string Path);
