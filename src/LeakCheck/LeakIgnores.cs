using System;
using LeakCheck.Ignoring;

namespace LeakCheck;

/// <summary>Ignore rules for every scope of the process (for example registered once from a module initializer or an assembly fixture).</summary>
public static class LeakIgnores
{
    /// <summary>
    /// Adds rules that apply to every scope from now on, in addition to each scope's own. A rule that never
    /// matches during the run is listed once at the end of the run.
    /// </summary>
    /// <param name="rules">The rules.</param>
    /// <exception cref="ArgumentNullException"><paramref name="rules"/> or one of them is null.</exception>
    public static void Register(params LeakIgnoreRule[] rules)
    {
        ArgumentNullException.ThrowIfNull(rules);
        foreach (var rule in rules)
        {
            ArgumentNullException.ThrowIfNull(rule, nameof(rules));
        }

        IgnoreRegistry.RegisterGlobal(rules);
    }
}
