using System;
using System.Collections.Generic;
using System.Reflection;
using System.Threading;

namespace LeakCheck.Runtime;

/// <summary>
/// The callbacks registered on a <c>CancellationTokenSource</c>: its <c>_registrations</c> (a <c>Registrations</c>, null
/// until the first registration) holds <c>Callbacks</c>, a list of <c>CallbackNode</c> (<c>Next</c>, <c>Callback</c>,
/// <c>CallbackState</c> and the <c>ExecutionContext</c> captured by <c>Register</c>, null for <c>UnsafeRegister</c>),
/// guarded by <c>Registrations.EnterLock</c>/<c>ExitLock</c>. A linked source
/// (<c>CreateLinkedTokenSource</c>) registers <c>LinkedNCancellationTokenSource.s_linkedTokenCancelDelegate</c> with itself
/// as the state. A <c>CancellationToken</c> reaches its source through <c>_source</c>.
/// </summary>
/// <remarks>
/// The runtime raises no event for a registration: registrations are read when a check asks, from sources found
/// elsewhere (static fields), and owned through the context they captured.
/// </remarks>
internal sealed class CancellationRegistrations
{
    /// <summary>At most this many nodes are read per source (a list is never that long unless something is wrong).</summary>
    private const int MaxNodes = 4096;

    private readonly FieldInfo? _tokenSource;
    private readonly FieldInfo? _registrations;
    private readonly FieldInfo? _callbacks;
    private readonly FieldInfo? _next;
    private readonly FieldInfo? _callback;
    private readonly FieldInfo? _state;
    private readonly FieldInfo? _context;
    private readonly MethodInfo? _enterLock;
    private readonly MethodInfo? _exitLock;
    private readonly object? _linkedCallback;

    internal CancellationRegistrations(Assembly coreLib)
    {
        var lookup = new MemberLookup();
        var source = typeof(CancellationTokenSource);
        var registrations = lookup.Type(coreLib, "System.Threading.CancellationTokenSource+Registrations");
        var node = lookup.Type(coreLib, "System.Threading.CancellationTokenSource+CallbackNode");
        var linked = lookup.Type(coreLib, "System.Threading.CancellationTokenSource+LinkedNCancellationTokenSource");
        _tokenSource = lookup.Field(typeof(CancellationToken), "_source", source);
        if (registrations is not null && node is not null && linked is not null)
        {
            _registrations = lookup.Field(source, "_registrations", registrations);
            _callbacks = lookup.Field(registrations, "Callbacks", node);
            _next = lookup.Field(node, "Next", node);
            _callback = lookup.Field(node, "Callback", typeof(Delegate));
            _state = lookup.Field(node, "CallbackState", typeof(object));
            _context = lookup.Field(node, "ExecutionContext", typeof(ExecutionContext));
            var linkedCallback = lookup.Field(linked, "s_linkedTokenCancelDelegate", typeof(Action<object>));
            _linkedCallback = linkedCallback?.GetValue(null);
            const BindingFlags instance = BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic;
            _enterLock = registrations.GetMethod("EnterLock", instance, Type.EmptyTypes);
            _exitLock = registrations.GetMethod("ExitLock", instance, Type.EmptyTypes);
            if (_enterLock is null || _exitLock is null)
            {
                lookup.Missing("Registrations.EnterLock/ExitLock (not found)");
            }
            else
            {
                lookup.Note("lock: Registrations.EnterLock/ExitLock");
            }

            if (linkedCallback is not null && _linkedCallback is null)
            {
                lookup.Missing("LinkedNCancellationTokenSource.s_linkedTokenCancelDelegate (null)");
            }
        }

        Members = lookup.Resolved;
        UnavailableReason = lookup.UnavailableReason;
    }

    public static CancellationRegistrations Instance { get; } = new(typeof(object).Assembly);

    public string? UnavailableReason { get; }

    public IReadOnlyList<string> Members { get; }

    /// <summary>Returns the source of a token (null for <c>CancellationToken.None</c> and tokens that cannot be cancelled).</summary>
    public CancellationTokenSource? SourceOf(CancellationToken token)
        => UnavailableReason is null ? _tokenSource!.GetValue(token) as CancellationTokenSource : null;

    /// <summary>
    /// Lists the callbacks registered on <paramref name="source"/> and not yet unregistered, read under the source's
    /// registration lock (nothing but field reads happen while it is held). Empty when nothing was ever registered.
    /// </summary>
    public List<CancellationRegistration> Snapshot(CancellationTokenSource source)
    {
        var found = new List<CancellationRegistration>();
        if (UnavailableReason is not null || _registrations!.GetValue(source) is not { } registrations || _callbacks!.GetValue(registrations) is null)
        {
            return found;
        }

        var enter = _enterLock!.CreateDelegate<Action>(registrations);
        var exit = _exitLock!.CreateDelegate<Action>(registrations);
        enter();
        try
        {
            var node = _callbacks.GetValue(registrations);
            for (var count = 0; node is not null && count < MaxNodes; count++)
            {
                if (_callback!.GetValue(node) is Delegate callback)
                {
                    var state = _state!.GetValue(node);

                    // Register(Action) registers CoreLib's own adapter with the user's Action as its state.
                    var user = state is Delegate wrapped && callback.Method.DeclaringType?.Assembly == typeof(CancellationToken).Assembly ? wrapped : callback;
                    found.Add(new CancellationRegistration(node, callback, user, state, _context!.GetValue(node) as ExecutionContext));
                }

                node = _next!.GetValue(node);
            }
        }
        finally
        {
            exit();
        }

        return found;
    }

    /// <summary>Returns the linked source a registration cancels, when it is the one <c>CreateLinkedTokenSource</c> made.</summary>
    public CancellationTokenSource? LinkedSource(CancellationRegistration registration)
        => ReferenceEquals(registration.Callback, _linkedCallback) ? registration.State as CancellationTokenSource : null;
}

/// <summary>
/// One callback registered on a source: its node (the registration's identity), the callback the runtime calls, the
/// user's own (the <c>Action</c> that <c>Register(Action)</c> wraps, otherwise the same), its state and captured context.
/// </summary>
internal readonly record struct CancellationRegistration(object Node, Delegate Callback, Delegate UserCallback, object? State, ExecutionContext? Context);
