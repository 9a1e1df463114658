using System;
using System.Collections.Generic;
using System.Globalization;

namespace LeakCheck.Adapters;

/// <summary>
/// The settings a <c>[NoLeaks]</c> attribute carries, remembering which were set explicitly so that a nearer
/// attribute (method over class over assembly) overrides only what it sets. Every adapter's attribute keeps one.
/// </summary>
public sealed class AttributeSettings
{
    /// <summary>The hint a report of an attribute-checked test ends with; <c>{fingerprint}</c> stands for the first leak's fingerprint.</summary>
    public const string IgnoreHint =
        "To accept a known leak, list its fingerprint in IgnoreFingerprints, for example [NoLeaks(IgnoreFingerprints = new[] { \"{fingerprint}\" })]; see README \"Ignoring known leaks\".";

    private static readonly LeakCheckOptions s_defaults = new();

    /// <summary>Gets or sets the settle budget in milliseconds, or null when this level does not set it.</summary>
    public int? SettleTimeoutMilliseconds { get; set; }

    /// <summary>Gets or sets how many items a report shows, or null when this level does not set it.</summary>
    public int? MaxReportedItems { get; set; }

    /// <summary>Gets or sets the mode, or null when this level does not set it.</summary>
    public LeakCheckMode? Mode { get; set; }

    /// <summary>Gets or sets whether the check runs, or null when this level does not set it.</summary>
    public bool? Enabled { get; set; }

    /// <summary>Gets or sets fingerprints to accept (added to those of the other levels).</summary>
    public string[] IgnoreFingerprints { get; set; } = [];

    /// <summary>Gets or sets leak kinds to accept (added to those of the other levels).</summary>
    public LeakKind[] IgnoreKinds { get; set; } = [];

    /// <summary>Gets or sets type-name patterns to accept (added to those of the other levels).</summary>
    public string[] IgnoreTypes { get; set; } = [];

    /// <summary>Gets or sets creating-frame patterns to accept (added to those of the other levels).</summary>
    public string[] IgnoreCreatedBy { get; set; } = [];

    /// <summary>Gets the default settle budget in milliseconds (<see cref="LeakCheckOptions.SettleTimeout"/>).</summary>
    public static int DefaultSettleTimeoutMilliseconds => (int)s_defaults.SettleTimeout.TotalMilliseconds;

    /// <summary>Gets the default number of items a report shows (<see cref="LeakCheckOptions.MaxReportedItems"/>).</summary>
    public static int DefaultMaxReportedItems => s_defaults.MaxReportedItems;

    /// <summary>Applies the explicitly set values over <paramref name="options"/>; ignore rules are added, labelled with <paramref name="label"/>.</summary>
    internal void ApplyTo(LeakCheckOptions options, ref bool enabled, string label, List<string> errors)
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
                errors.Add("IgnoreFingerprints entry " + Probes.Fingerprint.NotAFingerprint(fingerprint));
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
