using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Linq;
using System.Reflection;
using System.Runtime.CompilerServices;
using System.Threading;

namespace LeakCheck.Ignoring;

/// <summary>
/// Every ignore rule the process knows: the user's (declared when a scope that carries them begins, or
/// registered for the whole process), the libraries' <c>[assembly: LeakIgnore]</c> and the built-in ones.
/// It counts matches so that the end of the run can list the user's rules that never matched.
/// </summary>
internal static class IgnoreRegistry
{
    public const string EnvironmentVariable = Configuration.LeakCheckSettings.IgnoreVariable;
    private const string AttributeName = "LeakCheck.LeakIgnoreAttribute";

    private static readonly object s_lock = new();
    private static readonly ConditionalWeakTable<Assembly, LibraryRules> s_libraries = new();
    private static readonly ConditionalWeakTable<System.Diagnostics.StackTrace, StrongBox<bool>> s_settleAnswers = new();
    private static ConcurrentDictionary<string, DeclaredRule> s_user = new(StringComparer.Ordinal);
    private static DeclaredRule[] s_global = [];
    private static (string? Value, DeclaredRule[] Rules, LeakCheckConfigurationException? Error)? s_environment;

    /// <summary>Adds rules for every scope of the process.</summary>
    public static void RegisterGlobal(IEnumerable<LeakIgnoreRule> rules)
    {
        lock (s_lock)
        {
            s_global = [.. s_global, .. rules.Select(r => Declare(r, r.Source ?? "LeakIgnores.Register"))];
        }
    }

    /// <summary>Records a user rule (once per rule and place), so that it is listed if it never matches.</summary>
    public static DeclaredRule Declare(LeakIgnoreRule rule, string source)
    {
        var user = s_user;
        if (rule.Declared is { } known && ReferenceEquals(known.Source, source) && known.Generation == user)
        {
            return known;
        }

        var declared = user.GetOrAdd(rule.Text + "\n" + source, static (_, r) => new DeclaredRule(r.Rule, r.Source) { Generation = r.User }, (Rule: rule, Source: source, User: user));
        rule.Declared = declared;
        return declared;
    }

    /// <summary>The rules of one scope, declared; called when the scope begins so that rules of clean tests count as declared.</summary>
    public static DeclaredRule[] DeclareScopeRules(LeakCheckOptions options)
    {
        if (options.Ignore.Count == 0 && options.IgnoreFingerprints.Count == 0)
        {
            return [];
        }

        var rules = new List<DeclaredRule>(options.Ignore.Count + options.IgnoreFingerprints.Count);
        foreach (var rule in options.Ignore)
        {
            rules.Add(Declare(rule, rule.Source ?? "LeakCheckOptions.Ignore"));
        }

        foreach (var fingerprint in options.IgnoreFingerprints)
        {
            rules.Add(Declare(LeakIgnoreRule.ForFingerprint(fingerprint), "LeakCheckOptions.IgnoreFingerprints"));
        }

        return [.. rules];
    }

    /// <summary>The rules of <c>LEAKCHECK_IGNORE</c> (rules separated by <c>;</c>), read once per value.</summary>
    /// <exception cref="LeakCheckConfigurationException">A rule in the variable is invalid.</exception>
    public static DeclaredRule[] EnvironmentRules()
    {
        var value = Configuration.LeakCheckSettings.Read().Ignore;
        var cached = s_environment;
        if (cached is null || cached.Value.Value != value)
        {
            var rules = new List<DeclaredRule>();
            var errors = new List<string>();
            foreach (var text in (value ?? string.Empty).Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            {
                if (LeakIgnoreRule.TryParse(text, out var rule, out var error))
                {
                    rules.Add(Declare(rule, "LEAKCHECK_IGNORE"));
                }
                else
                {
                    errors.Add(error);
                }
            }

            cached = (value, [.. rules], errors.Count == 0 ? null : new LeakCheckConfigurationException("environment variable " + EnvironmentVariable, errors));
            s_environment = cached;
        }

        return cached.Value.Error is { } invalid ? throw invalid : cached.Value.Rules;
    }

    /// <summary>
    /// Finds the rule that accepts a leaked item: every matching user rule counts the match (so none is listed as
    /// unused while it works); library and built-in rules are asked only when no user rule matched.
    /// </summary>
    public static DeclaredRule? Match(IgnoreCandidate candidate, IReadOnlyList<DeclaredRule> scopeRules, bool count = true)
    {
        DeclaredRule? first = null;
        foreach (var rules in new[] { scopeRules, s_global, s_environment?.Rules ?? [] })
        {
            foreach (var declared in rules)
            {
                if (candidate.IsMatchedBy(declared.Rule))
                {
                    if (!count)
                    {
                        return declared;
                    }

                    declared.CountMatch();
                    first ??= declared;
                }
            }
        }

        if (first is not null)
        {
            return first;
        }

        foreach (var library in LibraryRules.Loaded())
        {
            foreach (var declared in library.Rules)
            {
                if (candidate.IsMatchedBy(declared.Rule))
                {
                    if (count)
                    {
                        declared.CountMatch();
                    }

                    return declared;
                }
            }
        }

        foreach (var declared in BuiltInIgnores.Rules)
        {
            if (candidate.IsMatchedBy(declared.Rule))
            {
                declared.CountMatch();
                return declared;
            }
        }

        return null;
    }

    /// <summary>The [assembly: LeakIgnore] attributes of loaded assemblies that are not valid rules (each says why), in a stable order.</summary>
    public static IReadOnlyList<string> InvalidLibraryRules()
        => [.. LibraryRules.Loaded().SelectMany(l => l.Notices).OrderBy(n => n, StringComparer.Ordinal)];

    /// <summary>
    /// Gets a value indicating whether a rule will accept a pending item, without counting a match: settling does not
    /// wait or collect for such items. Remembered per creation stack, so settling's repeated looks are cheap.
    /// </summary>
    public static bool WillIgnore(Probes.PendingItem pending, LeakCheckOptions options)
    {
        if (pending.CreationStack is { } stack && s_settleAnswers.TryGetValue(stack, out var known))
        {
            return known.Value;
        }

        var candidate = new IgnoreCandidate(pending.Kind, pending.TypeName,
            () => Probes.Fingerprint.Of(pending),
            pending.CreationStack, pending.StartedBy);
        var ignored = Match(candidate, DeclareScopeRules(options), count: false) is not null;
        if (pending.CreationStack is { } captured)
        {
            s_settleAnswers.AddOrUpdate(captured, new StrongBox<bool>(ignored));
        }

        return ignored;
    }

    /// <summary>The user's rules that have not matched anything yet, in a stable order.</summary>
    public static IReadOnlyList<DeclaredRule> Unused()
        => [.. s_user.Values.Where(r => r.Matches == 0).OrderBy(r => r.Source, StringComparer.Ordinal).ThenBy(r => r.Rule.Text, StringComparer.Ordinal)];

    /// <summary>Forgets the user's rules and matches (a new run in the same process; tests).</summary>
    public static void Reset()
    {
        lock (s_lock)
        {
            s_user = new ConcurrentDictionary<string, DeclaredRule>(StringComparer.Ordinal);
            s_global = [];
            s_environment = null;
        }
    }

    /// <summary>The rules one assembly declares with [assembly: LeakIgnore], read once.</summary>
    private sealed class LibraryRules
    {
        private LibraryRules(DeclaredRule[] rules, string[] notices)
        {
            Rules = rules;
            Notices = notices;
        }

        public DeclaredRule[] Rules { get; }

        public string[] Notices { get; }

        // The loaded assemblies' rules, read again only after an assembly was loaded: settling asks for every pending item
        // at every look, and listing the loaded assemblies each time cost more than matching the rules. A load while the
        // list is read makes the next call read it again.
        private static volatile Snapshot? s_snapshot;
        private static int s_loads;
        private static int s_watching;

        public static LibraryRules[] Loaded()
        {
            if (Interlocked.Exchange(ref s_watching, 1) == 0)
            {
                AppDomain.CurrentDomain.AssemblyLoad += static (_, _) => Interlocked.Increment(ref s_loads);
            }

            var loads = Volatile.Read(ref s_loads);
            if (s_snapshot is { } known && known.Loads == loads)
            {
                return known.Rules;
            }

            var loaded = new List<LibraryRules>();
            foreach (var assembly in AppDomain.CurrentDomain.GetAssemblies())
            {
                var rules = s_libraries.GetValue(assembly, Read);
                if (rules.Rules.Length > 0 || rules.Notices.Length > 0)
                {
                    loaded.Add(rules);
                }
            }

            var result = loaded.ToArray();
            s_snapshot = new Snapshot(loads, result);
            return result;
        }

        private sealed record Snapshot(int Loads, LibraryRules[] Rules);

        private static LibraryRules Read(Assembly assembly)
        {
            var rules = new List<DeclaredRule>();
            var notices = new List<string>();
            try
            {
                var name = assembly.GetName().Name;
                foreach (var data in assembly.GetCustomAttributesData())
                {
                    if (data.AttributeType.FullName != AttributeName || data.ConstructorArguments is not [{ Value: var value }])
                    {
                        continue;
                    }

                    var source = "[assembly: LeakIgnore] in " + name;
                    if (LeakIgnoreRule.TryParse(value as string, out var rule, out var error))
                    {
                        rules.Add(new DeclaredRule(rule, source));
                    }
                    else
                    {
                        notices.Add($"{source} is skipped: {error}");
                    }
                }
            }
            catch (Exception ex) when (ex is not OutOfMemoryException)
            {
                // An assembly whose attributes cannot be read declares nothing LeakCheck can use.
            }

            return new LibraryRules([.. rules], [.. notices]);
        }
    }
}
