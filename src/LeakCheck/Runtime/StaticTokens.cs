using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Reflection;
using System.Runtime.CompilerServices;
using System.Threading;

namespace LeakCheck.Runtime;

/// <summary>
/// The cancellation sources that outlive every test: those held by static fields of the user's assemblies, directly
/// (a <c>CancellationTokenSource</c>, a <c>CancellationToken</c>, an auto-property's backing field) or one object away
/// (a static field of one of the user's classes whose instance fields hold one, such as an application lifetime).
/// Each assembly is scanned once, when the first check after its load asks; a check then reads only the fields found.
/// </summary>
/// <remarks>
/// A static field is read only when reading it runs no user code (<see cref="TypeInitialization"/>): a type whose
/// class constructor has not run has not created its source yet, and is looked at again at the next check. Fields of
/// generic type definitions, thread-static fields and collectible assemblies are not read.
/// </remarks>
internal sealed class StaticTokens
{
    private const BindingFlags Statics = BindingFlags.Static | BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.DeclaredOnly;
    private const BindingFlags Instances = BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.DeclaredOnly;

    private readonly Func<Assembly, bool> _isUserAssembly;
    private readonly TypeInitialization _initialization;
    private readonly ConcurrentQueue<Assembly> _loaded = new();
    private readonly ConditionalWeakTable<Assembly, object> _scanned = new();
    private readonly object _gate = new();
    private TokenField[] _fields = [];
    private int _started;

    public StaticTokens(Func<Assembly, bool> isUserAssembly, TypeInitialization initialization)
    {
        _isUserAssembly = isUserAssembly;
        _initialization = initialization;
    }

    /// <summary>Gets the static fields of types this runtime cannot tell are initialized (.NET 8), which are never read.</summary>
    public IReadOnlyList<FieldInfo> Unreadable
    {
        get
        {
            var unreadable = new List<FieldInfo>();
            foreach (var token in Volatile.Read(ref _fields))
            {
                if (!token.Readable && _initialization.IsReadable(token.Static.DeclaringType!) is null)
                {
                    unreadable.Add(token.Static);
                }
            }

            return unreadable;
        }
    }

    /// <summary>Lists every source a static field holds now, with the field chain that holds it.</summary>
    public List<TokenSourceRoot> Sources()
    {
        Refresh();
        var sources = new List<TokenSourceRoot>();
        foreach (var field in Volatile.Read(ref _fields))
        {
            if (!field.Readable)
            {
                // An initialized type stays initialized: once readable, the question is not asked again.
                if (_initialization.IsReadable(field.Static.DeclaringType!) is not true)
                {
                    continue;
                }

                field.Readable = true;
            }

            var value = field.Static.GetValue(null);
            if (field.Member is { } member)
            {
                value = value is null || !member.DeclaringType!.IsInstanceOfType(value) ? null : member.GetValue(value);
            }

            var source = value switch
            {
                CancellationTokenSource cts => cts,
                CancellationToken token => CancellationRegistrations.Instance.SourceOf(token),
                _ => null,
            };
            if (source is not null)
            {
                sources.Add(new TokenSourceRoot(source, field.Static, field.Member));
            }
        }

        return sources;
    }

    private static bool HoldsToken(Type type)
        => typeof(CancellationTokenSource).IsAssignableFrom(type) || type == typeof(CancellationToken) || type == typeof(CancellationToken?);

    private static bool IsScannable(Type type)
        => !type.ContainsGenericParameters && !type.IsInterface && !type.Name.StartsWith('<');

    private void Refresh()
    {
        if (Interlocked.Exchange(ref _started, 1) == 0)
        {
            AppDomain.CurrentDomain.AssemblyLoad += (_, args) => _loaded.Enqueue(args.LoadedAssembly);
            foreach (var assembly in AppDomain.CurrentDomain.GetAssemblies())
            {
                _loaded.Enqueue(assembly);
            }
        }

        if (_loaded.IsEmpty)
        {
            return;
        }

        lock (_gate)
        {
            List<TokenField>? added = null;
            while (_loaded.TryDequeue(out var assembly))
            {
                if (assembly.IsDynamic || assembly.IsCollectible || _scanned.TryGetValue(assembly, out _))
                {
                    continue;
                }

                _scanned.Add(assembly, assembly);
                if (_isUserAssembly(assembly))
                {
                    Scan(assembly, added ??= []);
                }
            }

            if (added is { Count: > 0 })
            {
                Volatile.Write(ref _fields, [.. _fields, .. added]);
            }
        }
    }

    private void Scan(Assembly assembly, List<TokenField> found)
    {
        Type?[] types;
        try
        {
            types = assembly.GetTypes();
        }
        catch (ReflectionTypeLoadException ex)
        {
            types = ex.Types;
        }

        foreach (var type in types)
        {
            if (type is null || !IsScannable(type))
            {
                continue;
            }

            foreach (var field in type.GetFields(Statics))
            {
                if (field.IsLiteral || field.IsDefined(typeof(ThreadStaticAttribute), inherit: false))
                {
                    continue;
                }

                if (HoldsToken(field.FieldType))
                {
                    found.Add(new TokenField(field, null));
                }
                else if (field.FieldType is { IsClass: true } holder && holder.Assembly == assembly && IsScannable(holder) && holder != typeof(string))
                {
                    for (var t = holder; t is not null && t.Assembly == assembly; t = t.BaseType)
                    {
                        foreach (var member in t.GetFields(Instances))
                        {
                            if (HoldsToken(member.FieldType))
                            {
                                found.Add(new TokenField(field, member));
                            }
                        }
                    }
                }
            }
        }
    }

    private sealed class TokenField(FieldInfo staticField, FieldInfo? member)
    {
        public FieldInfo Static { get; } = staticField;

        public FieldInfo? Member { get; } = member;

        /// <summary>Gets or sets a value indicating whether the field's type is known to be initialized (set once, never reset).</summary>
        public bool Readable { get; set; }
    }
}

/// <summary>A source held by a static field (<paramref name="Member"/>: the instance field of the object it holds, if any).</summary>
internal readonly record struct TokenSourceRoot(CancellationTokenSource Source, FieldInfo Static, FieldInfo? Member);
