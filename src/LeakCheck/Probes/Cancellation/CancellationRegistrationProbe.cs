using System;
using System.Collections.Generic;
using System.Reflection;
using System.Runtime.CompilerServices;
using System.Threading;
using LeakCheck.Runtime;
using LeakCheck.Scopes;
using LeakCheck.Stacks;

namespace LeakCheck.Probes.Cancellation;

/// <summary>
/// Callbacks a test registered on a cancellation token that outlives it (a static source, an application lifetime
/// held by a static field) and never unregistered: <c>token.Register(...)</c> without disposing the registration, and
/// <c>CreateLinkedTokenSource(longLived)</c> without disposing the linked source (one item: the linked source, with the
/// callbacks registered on it). Each stays on the long-lived source, with everything it captures, until that source is
/// cancelled or disposed: for the rest of the process.
/// </summary>
/// <remarks>
/// A registration belongs to the scope whose execution context it captured (<c>Register</c> captures it,
/// <c>UnsafeRegister</c> does not and is never reported). A linked source captures none of its own: it is the test's when
/// a callback the test registered on it is (through any depth of linking). A registration on a source the test created
/// and dropped is garbage, not a leak: only sources reachable from static fields are read. The runtime raises no event
/// for a registration, so there is no creation stack: the report names the callback and the field that holds the
/// source. Nothing is recorded per creation; each check reads the registrations of the static sources.
/// </remarks>
internal sealed class CancellationRegistrationProbe : ILeakProbe
{
    /// <summary>How deep linked sources are followed (a source linked to a source linked to the static one is depth 2).</summary>
    private const int MaxLinkDepth = 4;

    private readonly int _slot;
    private readonly CancellationRegistrations _layout = CancellationRegistrations.Instance;
    private readonly StaticTokens _roots = new(UserFrames.IsUserAssembly, TypeInitialization.Instance);

    public CancellationRegistrationProbe(int slot) => _slot = slot;

    public string Name => "cancellation registrations";

    public string? UnavailableReason => _layout.UnavailableReason;

    /// <summary>Gets the static fields whose sources this runtime cannot read (see <see cref="StaticTokens.Unreadable"/>).</summary>
    public IReadOnlyList<FieldInfo> UnreadableFields => _roots.Unreadable;

    public void OnScopeBegin(ScopeState scope)
    {
    }

    public void OnScopeEnd(ScopeState scope)
    {
    }

    /// <summary>
    /// Adds an object that outlives the scope's test (a fixture the adapter knows): the sources it holds, also through
    /// the objects it holds (a host and its application lifetime), are read like static ones. Held weakly.
    /// </summary>
    public void AddHolder(ScopeState scope, object holder)
    {
        var slot = scope.GetOrCreateSlot(_slot, static () => new Slot());
        lock (slot)
        {
            slot.Holders.Add(new WeakReference(holder));
        }
    }

    public void CollectPending(ScopeState scope, List<PendingItem> pending)
    {
        var roots = new List<(CancellationTokenSource Source, string Where)>();
        foreach (var root in _roots.Sources())
        {
            roots.Add((root.Source, Describe(root)));
        }

        if (scope.GetSlot<Slot>(_slot) is { } slot)
        {
            var holders = new List<object>();
            lock (slot)
            {
                foreach (var reference in slot.Holders)
                {
                    if (reference.Target is { } holder)
                    {
                        holders.Add(holder);
                    }
                }
            }

            var held = new List<HeldSource>();
            foreach (var holder in holders)
            {
                held.Clear();
                TokenHolders.SourcesOf(holder, held);
                foreach (var source in held)
                {
                    roots.Add((source.Source, $"{TypeNames.Of(holder.GetType())}.{FieldPath(source.Path)} (held by the test's fixture)"));
                }
            }
        }

        if (roots.Count == 0)
        {
            return;
        }

        var seen = new HashSet<CancellationTokenSource>(ReferenceEqualityComparer.Instance);
        foreach (var (source, where) in roots)
        {
            if (!seen.Add(source))
            {
                continue;
            }

            foreach (var registration in _layout.Snapshot(source))
            {
                if (_layout.LinkedSource(registration) is { } linked)
                {
                    if (OwnedCallback(linked, scope, 1) is { } callback)
                    {
                        var method = Callback(callback);
                        Add(scope, pending, registration.Node, "CancellationTokenSource.CreateLinkedTokenSource", where + "|" + method,
                        [
                            $"a linked CancellationTokenSource never disposed, registered on {where}",
                            "callback registered on it: " + Declared(callback),
                        ]);
                    }
                }
                else if (IsOwned(registration, scope) && !IsHeldByPendingMethod(registration.UserCallback, pending))
                {
                    Add(scope, pending, registration.Node, "CancellationToken.Register", where + "|" + Callback(registration.UserCallback),
                    [
                        $"registered on {where}, never unregistered (dispose the CancellationTokenRegistration)",
                        "callback: " + Declared(registration.UserCallback),
                    ]);
                }
            }
        }
    }

    /// <summary>Where a source lives: <c>static field MyApp.Lifetime.Source</c> or <c>MyApp.App.s_lifetime._stopping</c>.</summary>
    internal static string Describe(TokenSourceRoot root)
    {
        var text = "static " + TypeNames.Of(root.Static.DeclaringType!) + "." + FieldName(root.Static);
        return root.Member is null ? text : text + "." + FieldName(root.Member);
    }

    private static string FieldName(FieldInfo field) => FieldName(field.Name);

    private static string FieldName(string name) => UserFrames.TryUnmangle(name, out var property) ? property : name;

    private static string FieldPath(string path) => string.Join('.', Array.ConvertAll(path.Split('.'), FieldName));

    private static string Callback(Delegate callback) => UserFrames.Describe(callback.Method);

    private static string Declared(Delegate callback) => UserFrames.DescribeDeclared(callback.Method);

    /// <summary>
    /// Whether the callback was written in an async method of the test that is itself still pending (already in
    /// <paramref name="pending"/>: the task probe is asked first). A <c>using var registration = token.Register(...)</c>
    /// inside it is part of that leak and goes away with it: it is not a second one.
    /// </summary>
    private static bool IsHeldByPendingMethod(Delegate callback, List<PendingItem> pending)
    {
        var enclosing = UserFrames.EnclosingMethodPrefix(callback.Method);
        return pending.Exists(p => p.Kind is LeakKind.AsyncMethod or LeakKind.Task && p.TypeName.StartsWith(enclosing, StringComparison.Ordinal));
    }

    private static bool IsOwned(CancellationRegistration registration, ScopeState scope)
        => registration.Context is { } context && AmbientScope.In(context) == scope
            && !(registration.UserCallback.Method.DeclaringType is { } type && UserFrames.IsInfrastructureType(type));

    /// <summary>The first callback the scope registered on <paramref name="source"/> or on a source linked to it, or null.</summary>
    private Delegate? OwnedCallback(CancellationTokenSource source, ScopeState scope, int depth)
    {
        foreach (var registration in _layout.Snapshot(source))
        {
            if (_layout.LinkedSource(registration) is { } linked)
            {
                if (depth < MaxLinkDepth && OwnedCallback(linked, scope, depth + 1) is { } deeper)
                {
                    return deeper;
                }
            }
            else if (IsOwned(registration, scope))
            {
                return registration.UserCallback;
            }
        }

        return null;
    }

    private void Add(ScopeState scope, List<PendingItem> pending, object node, string typeName, string identity, string[] details)
    {
        var slot = scope.GetOrCreateSlot(_slot, static () => new Slot());
        var sequence = slot.Sequences.SequenceOf(scope, RuntimeHelpers.GetHashCode(node));

        pending.Add(new PendingItem(LeakKind.CancellationRegistration, typeName, SettleHint.Completion, sequence)
        {
            Details = details,
            Identity = identity,
            Subject = new WeakReference(node),

            // Only the test's own code can still unregister it, and no timer will: settling does not wait for it.
            EarliestCompletion = TimeSpan.MaxValue,
        });
    }

    /// <summary>What the probe keeps per scope: the order items were first seen in, and the scope's long-lived holders (weakly).</summary>
    private sealed class Slot
    {
        public FirstSightings Sequences { get; } = new();

        public List<WeakReference> Holders { get; } = [];
    }
}
