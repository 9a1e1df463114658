using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Linq;

namespace LeakCheck.Ignoring;

/// <summary>What ignore rules look at for one leaked item; the creator names are computed only if a creator rule asks.</summary>
internal sealed class IgnoreCandidate
{
    private readonly StackTrace? _creationStack;
    private readonly IReadOnlyList<StackTrace>? _startedBy;
    private readonly Func<string>? _computeFingerprint;
    private List<string>? _creators;
    private string? _fingerprint;

    public IgnoreCandidate(LeakKind kind, string typeName, string fingerprint, StackTrace? creationStack, IReadOnlyList<StackTrace>? startedBy = null)
        : this(kind, typeName, (Func<string>?)null, creationStack, startedBy)
    {
        _fingerprint = fingerprint;
    }

    /// <summary>A candidate whose fingerprint is computed only if a fingerprint rule asks for it.</summary>
    public IgnoreCandidate(LeakKind kind, string typeName, Func<string>? computeFingerprint, StackTrace? creationStack, IReadOnlyList<StackTrace>? startedBy = null)
    {
        _startedBy = startedBy;
        Kind = kind;
        TypeName = typeName;
        _computeFingerprint = computeFingerprint;
        _creationStack = creationStack;
        var parameters = typeName.IndexOf('(', StringComparison.Ordinal);
        MethodName = parameters > 0 ? typeName[..parameters] : null;
    }

    public LeakKind Kind { get; }

    public string TypeName { get; }

    /// <summary>Gets the method of async work without its parameter list, or null for other items.</summary>
    public string? MethodName { get; }

    public string Fingerprint => _fingerprint ??= _computeFingerprint!();

    public IReadOnlyList<string> Creators => _creators ??= [.. CreatorNames.Of(_creationStack), .. (_startedBy ?? []).SelectMany(CreatorNames.Of)];

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
