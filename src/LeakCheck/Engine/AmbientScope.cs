using System.Threading;

namespace LeakCheck.Engine;

/// <summary>
/// The scope that owns what is created now. It lives in the execution context, so it follows the test into
/// async continuations, <c>Task.Run</c>, timers and threads that capture the context.
/// </summary>
internal static class AmbientScope
{
    private static readonly AsyncLocal<ScopeState?> s_current = new();

    /// <summary>Gets the scope that owns what the current code creates, or null outside any live scope.</summary>
    public static ScopeState? Current
    {
        get
        {
            var scope = s_current.Value;
            return scope is null || scope.IsEnded ? null : scope;
        }
    }

    /// <summary>Gets the raw value, ended scopes included (used to restore the parent).</summary>
    public static ScopeState? Raw => s_current.Value;

    public static void Set(ScopeState? scope) => s_current.Value = scope;
}
