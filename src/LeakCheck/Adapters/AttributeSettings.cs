using System;
using System.Collections.Generic;
using System.Globalization;

namespace LeakCheck.Adapters;

/// <summary>
/// The settings a [NoLeaks] attribute carries, remembering which were set explicitly so that a nearer
/// attribute overrides only what it sets. Both adapters' attributes keep one of these.
/// </summary>
internal sealed class AttributeSettings
{
    private static readonly LeakCheckOptions s_defaults = new();

    public int? SettleTimeoutMilliseconds { get; set; }

    public int? MaxReportedItems { get; set; }

    public LeakCheckMode? Mode { get; set; }

    public bool? Enabled { get; set; }

    public string[] IgnoreFingerprints { get; set; } = [];

    public LeakKind[] IgnoreKinds { get; set; } = [];

    public string[] IgnoreTypes { get; set; } = [];

    public string[] IgnoreCreatedBy { get; set; } = [];

    public static int DefaultSettleTimeoutMilliseconds => (int)s_defaults.SettleTimeout.TotalMilliseconds;

    public static int DefaultMaxReportedItems => s_defaults.MaxReportedItems;

    /// <summary>Applies the explicitly set values over <paramref name="options"/>; ignore rules are added, labelled with <paramref name="label"/>.</summary>
    public void ApplyTo(LeakCheckOptions options, ref bool enabled, string label, List<string> errors)
    {
        if (SettleTimeoutMilliseconds is { } settle)
        {
            options.SettleTimeout = TimeSpan.FromMilliseconds(settle);
        }

        if (MaxReportedItems is { } max)
        {
            options.MaxReportedItems = max;
        }

        if (Mode is { } mode)
        {
            options.Mode = mode;
        }

        if (Enabled is { } on)
        {
            enabled = on;
        }

        var rules = new List<LeakIgnoreRule>();
        foreach (var kind in IgnoreKinds)
        {
            if (Enum.IsDefined(kind))
            {
                rules.Add(LeakIgnoreRule.ForKind(kind).WithSource(label));
            }
            else
            {
                errors.Add(string.Format(CultureInfo.InvariantCulture, "IgnoreKinds entry {0} is not a leak kind; known kinds: {1}.",
                    (int)kind, string.Join(", ", Enum.GetNames<LeakKind>())));
            }
        }

        AddRules(rules, errors, label, nameof(IgnoreTypes), LeakIgnoreRuleKind.Type, IgnoreTypes);
        AddRules(rules, errors, label, nameof(IgnoreCreatedBy), LeakIgnoreRuleKind.CreatedBy, IgnoreCreatedBy);
        foreach (var fingerprint in IgnoreFingerprints)
        {
            if (LeakIgnoreRule.TryCreate(LeakIgnoreRuleKind.Fingerprint, fingerprint, null, out var rule, out _))
            {
                rules.Add(rule.WithSource(label));
            }
            else
            {
                errors.Add($"IgnoreFingerprints entry \"{fingerprint}\" is not a fingerprint (eight hexadecimal digits, as printed in a report).");
            }
        }

        if (rules.Count > 0)
        {
            options.Ignore = [.. options.Ignore, .. rules];
        }
    }

    private static void AddRules(List<LeakIgnoreRule> rules, List<string> errors, string label, string property, LeakIgnoreRuleKind kind, string[] patterns)
    {
        foreach (var pattern in patterns)
        {
            if (LeakIgnoreRule.TryCreate(kind, pattern, null, out var rule, out var error))
            {
                rules.Add(rule.WithSource(label));
            }
            else
            {
                errors.Add($"{property} entry \"{pattern}\": {error}");
            }
        }
    }
}
