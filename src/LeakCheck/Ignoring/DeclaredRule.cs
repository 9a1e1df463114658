using System.Threading;

namespace LeakCheck.Ignoring;

/// <summary>A rule with the place that declared it and how many leaked items it matched during this run.</summary>
internal sealed class DeclaredRule
{
    private long _matches;

    public DeclaredRule(LeakIgnoreRule rule, string source)
    {
        Rule = rule;
        Source = source;
    }

    public LeakIgnoreRule Rule { get; }

    public string Source { get; }

    /// <summary>Gets the registry generation (its table of user rules) the rule was declared in; a new run starts a new one.</summary>
    public object? Generation { get; init; }

    public long Matches => Interlocked.Read(ref _matches);

    public void CountMatch() => Interlocked.Increment(ref _matches);
}
