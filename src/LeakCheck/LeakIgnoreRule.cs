using System;
using System.Globalization;
using System.Linq;
using LeakCheck.Ignoring;

namespace LeakCheck;

/// <summary>
/// Accepts known leaks: a leaked item that a rule matches does not fail the test; the report counts it as
/// ignored. A rule matches by the item's kind, its type, a method on its creation stack, or its fingerprint.
/// </summary>
/// <remarks>
/// <para>
/// Every rule has a text form, used in attributes, the <c>LEAKCHECK_IGNORE</c> environment variable and
/// <c>[assembly: LeakIgnore]</c>: <c>kind:Timer</c>, <c>type:MyApp.Cache*</c>, <c>createdBy:Polly.*</c>,
/// <c>fingerprint:3f9c2a1e</c>.
/// </para>
/// <para>
/// Patterns are compared with <c>*</c> standing for any run of characters (dots included) and are otherwise
/// exact and case-sensitive. A type pattern is compared with the type as the report prints it, and for async
/// work also with the method without its parameter list (<c>MyApp.Pump.RunAsync</c>). A creator pattern is
/// compared with every frame of the creation stack, runtime and library frames included, written
/// <c>Namespace.Type.Method</c> (state machines and lambdas as the method that contains them, nested types with
/// dots, no generic arity), and also with <c>Namespace.Type</c> alone, so <c>createdBy:MyApp.Poller</c> matches
/// any method of <c>MyApp.Poller</c>.
/// </para>
/// </remarks>
public sealed class LeakIgnoreRule
{
    private readonly Glob? _glob;

    private LeakIgnoreRule(LeakIgnoreRuleKind ruleKind, string pattern, LeakKind kind)
    {
        RuleKind = ruleKind;
        Pattern = pattern;
        Kind = kind;
        _glob = ruleKind is LeakIgnoreRuleKind.Type or LeakIgnoreRuleKind.CreatedBy ? new Glob(pattern) : null;
        Text = ruleKind switch
        {
            LeakIgnoreRuleKind.Kind => "kind:" + kind,
            LeakIgnoreRuleKind.Type => "type:" + pattern,
            LeakIgnoreRuleKind.CreatedBy => "createdBy:" + pattern,
            _ => "fingerprint:" + pattern,
        };
    }

    /// <summary>Gets what the rule compares.</summary>
    public LeakIgnoreRuleKind RuleKind { get; }

    /// <summary>Gets the pattern (type or creator), the fingerprint, or the kind's name.</summary>
    public string Pattern { get; }

    /// <summary>Gets the kind a <see cref="LeakIgnoreRuleKind.Kind"/> rule ignores.</summary>
    public LeakKind Kind { get; }

    /// <summary>Gets the rule in its text form, for example <c>createdBy:Polly.*</c>.</summary>
    public string Text { get; }

    /// <summary>Ignores every leaked item of a kind.</summary>
    /// <param name="kind">The kind to ignore.</param>
    /// <returns>The rule.</returns>
    /// <exception cref="ArgumentException"><paramref name="kind"/> is not a defined kind.</exception>
    public static LeakIgnoreRule ForKind(LeakKind kind)
        => Enum.IsDefined(kind) ? new LeakIgnoreRule(LeakIgnoreRuleKind.Kind, kind.ToString(), kind)
            : throw new ArgumentException(UnknownKind(((int)kind).ToString(CultureInfo.InvariantCulture)), nameof(kind));

    /// <summary>Ignores leaked items whose type (or, for async work, method) matches a pattern.</summary>
    /// <param name="pattern">For example <c>MyApp.Cache</c> or <c>Vendor.Sdk.*</c>.</param>
    /// <returns>The rule.</returns>
    /// <exception cref="ArgumentException">The pattern is empty, has white space, or is only wildcards.</exception>
    public static LeakIgnoreRule ForType(string pattern) => Create(LeakIgnoreRuleKind.Type, pattern);

    /// <summary>Ignores leaked items that a method matching a pattern created (any frame of the creation stack).</summary>
    /// <param name="pattern">For example <c>Vendor.Sdk.*</c>, <c>MyApp.Poller</c> or <c>MyApp.Poller.Start</c>.</param>
    /// <returns>The rule.</returns>
    /// <exception cref="ArgumentException">The pattern is empty, has white space, or is only wildcards.</exception>
    public static LeakIgnoreRule ForCreator(string pattern) => Create(LeakIgnoreRuleKind.CreatedBy, pattern);

    /// <summary>Ignores the leaked items with a fingerprint (the eight hexadecimal digits a report prints).</summary>
    /// <param name="fingerprint">The fingerprint.</param>
    /// <returns>The rule.</returns>
    /// <exception cref="ArgumentException">The value is not a fingerprint.</exception>
    public static LeakIgnoreRule ForFingerprint(string fingerprint) => Create(LeakIgnoreRuleKind.Fingerprint, fingerprint);

    /// <summary>Reads a rule from its text form: <c>kind:</c>, <c>type:</c>, <c>createdBy:</c> or <c>fingerprint:</c> and a value.</summary>
    /// <param name="text">The rule, for example <c>createdBy:Polly.*</c>.</param>
    /// <returns>The rule.</returns>
    /// <exception cref="FormatException">The text is not a rule; the message says why.</exception>
    public static LeakIgnoreRule Parse(string text)
        => TryParse(text, out var rule, out var error) ? rule : throw new FormatException(error);

    /// <inheritdoc/>
    public override string ToString() => Text;

    /// <summary>Gets where the rule was declared, for the unused-rule report; null when it came through options.</summary>
    internal string? Source { get; private init; }

    /// <summary>Gets or sets the registry's record of this rule (cached so that a test does not look it up again).</summary>
    internal DeclaredRule? Declared { get; set; }

    /// <summary>Returns a copy that remembers where it was declared.</summary>
    internal LeakIgnoreRule WithSource(string source) => new(RuleKind, Pattern, Kind) { Source = source };

    internal static bool TryParse(string? text, out LeakIgnoreRule rule, out string error)
    {
        rule = null!;
        var colon = text?.IndexOf(':', StringComparison.Ordinal) ?? -1;
        if (text is null || colon < 0)
        {
            error = $"\"{text}\" is not an ignore rule: write kind:<Kind>, type:<pattern>, createdBy:<pattern> or fingerprint:<fingerprint>.";
            return false;
        }

        var prefix = text[..colon].Trim();
        var value = text[(colon + 1)..].Trim();
        LeakIgnoreRuleKind ruleKind;
        switch (prefix.ToLowerInvariant())
        {
            case "kind":
                if (value.Length == 0 || char.IsAsciiDigit(value[0]) || !Enum.TryParse<LeakKind>(value, ignoreCase: true, out var kind) || !Enum.IsDefined(kind))
                {
                    error = $"\"{text}\": " + UnknownKind(value);
                    return false;
                }

                rule = new LeakIgnoreRule(LeakIgnoreRuleKind.Kind, kind.ToString(), kind);
                error = string.Empty;
                return true;
            case "type":
                ruleKind = LeakIgnoreRuleKind.Type;
                break;
            case "createdby":
                ruleKind = LeakIgnoreRuleKind.CreatedBy;
                break;
            case "fingerprint":
                ruleKind = LeakIgnoreRuleKind.Fingerprint;
                break;
            default:
                error = $"\"{text}\": unknown rule \"{prefix}\"; write kind:, type:, createdBy: or fingerprint:.";
                return false;
        }

        return TryCreate(ruleKind, value, text, out rule, out error);
    }

    internal static bool TryCreate(LeakIgnoreRuleKind ruleKind, string? value, string? shownAs, out LeakIgnoreRule rule, out string error)
    {
        rule = null!;
        var label = shownAs is null ? string.Empty : $"\"{shownAs}\": ";
        if (ruleKind == LeakIgnoreRuleKind.Fingerprint)
        {
            if (!Probes.Fingerprint.IsWellFormed(value))
            {
                error = label + Probes.Fingerprint.NotAFingerprint(value);
                return false;
            }

            rule = new LeakIgnoreRule(ruleKind, value!.ToLowerInvariant(), default);
            error = string.Empty;
            return true;
        }

        var what = ruleKind == LeakIgnoreRuleKind.Type ? "type" : "creator";
        if (string.IsNullOrWhiteSpace(value))
        {
            error = label + $"the {what} pattern is empty.";
            return false;
        }

        if (value.Any(char.IsWhiteSpace))
        {
            error = label + $"the {what} pattern \"{value}\" contains white space.";
            return false;
        }

        if (value.All(c => c == '*'))
        {
            error = label + $"the {what} pattern \"{value}\" matches everything; to stop checking use Mode = Off or [NoLeaks(Enabled = false)].";
            return false;
        }

        rule = new LeakIgnoreRule(ruleKind, value, default);
        error = string.Empty;
        return true;
    }

    internal bool MatchesName(string name) => _glob!.IsMatch(name);

    private static LeakIgnoreRule Create(LeakIgnoreRuleKind ruleKind, string pattern)
        => TryCreate(ruleKind, pattern, null, out var rule, out var error) ? rule : throw new ArgumentException(error, nameof(pattern));

    private static string UnknownKind(string value)
        => $"unknown leak kind \"{value}\"; known kinds: {string.Join(", ", Enum.GetNames<LeakKind>())}.";
}

/// <summary>What a <see cref="LeakIgnoreRule"/> compares.</summary>
public enum LeakIgnoreRuleKind
{
    /// <summary>The item's <see cref="LeakKind"/>.</summary>
    Kind = 0,

    /// <summary>The item's type (or method, for async work).</summary>
    Type = 1,

    /// <summary>Any method on the item's creation stack.</summary>
    CreatedBy = 2,

    /// <summary>The item's fingerprint.</summary>
    Fingerprint = 3,
}
