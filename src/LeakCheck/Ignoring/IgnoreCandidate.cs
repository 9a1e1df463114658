using System;
using System.Collections.Generic;
using System.Diagnostics;

namespace LeakCheck.Ignoring;

/// <summary>What ignore rules look at for one leaked item; the creator names are computed only if a creator rule asks.</summary>
internal sealed class IgnoreCandidate
{
    private readonly StackTrace? _creationStack;
    private List<string>? _creators;

    public IgnoreCandidate(LeakKind kind, string typeName, string fingerprint, StackTrace? creationStack)
    {
        Kind = kind;
        TypeName = typeName;
        Fingerprint = fingerprint;
        _creationStack = creationStack;
        var parameters = typeName.IndexOf('(', StringComparison.Ordinal);
        MethodName = parameters > 0 ? typeName[..parameters] : null;
    }

    public LeakKind Kind { get; }

    public string TypeName { get; }

    /// <summary>Gets the method of async work without its parameter list, or null for other items.</summary>
    public string? MethodName { get; }

    public string Fingerprint { get; }

    public IReadOnlyList<string> Creators => _creators ??= CreatorNames.Of(_creationStack);

    public bool IsMatchedBy(LeakIgnoreRule rule) => rule.RuleKind switch
    {
        LeakIgnoreRuleKind.Kind => rule.Kind == Kind,
        LeakIgnoreRuleKind.Type => rule.MatchesName(TypeName) || (MethodName is not null && rule.MatchesName(MethodName)),
        LeakIgnoreRuleKind.CreatedBy => AnyCreator(rule),
        _ => string.Equals(rule.Pattern, Fingerprint, StringComparison.OrdinalIgnoreCase),
    };

    private bool AnyCreator(LeakIgnoreRule rule)
    {
        foreach (var name in Creators)
        {
            if (rule.MatchesName(name))
            {
                return true;
            }
        }

        return false;
    }
}
