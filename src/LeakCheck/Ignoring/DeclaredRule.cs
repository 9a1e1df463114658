using System.Threading;

namespace LeakCheck.Ignoring;

/// <summary>Where an ignore rule comes from; only the user's own rules are reported when they never match.</summary>
internal enum RuleOrigin
{
    /// <summary>[NoLeaks] properties, LeakCheckOptions, LeakIgnores.Register, LEAKCHECK_IGNORE.</summary>
    User,

    /// <summary>[assembly: LeakIgnore] shipped by a library for its own background work.</summary>
    Library,

    /// <summary>LeakCheck's defaults for the runtime's lazily started background work.</summary>
    BuiltIn,
}

/// <summary>A rule with the place that declared it and how many leaked items it matched during this run.</summary>
internal sealed class DeclaredRule
{
    private long _matches;

    public DeclaredRule(LeakIgnoreRule rule, string source, RuleOrigin origin)
    {
        Rule = rule;
        Source = source;
        Origin = origin;
    }

    public LeakIgnoreRule Rule { get; }

    public string Source { get; }

    public RuleOrigin Origin { get; }

    /// <summary>Gets the registry generation (its table of user rules) the rule was declared in; a new run starts a new one.</summary>
    public object? Generation { get; init; }

    public long Matches => Interlocked.Read(ref _matches);

    public void CountMatch() => Interlocked.Increment(ref _matches);
}
