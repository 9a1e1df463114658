using System;

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

    public static int DefaultSettleTimeoutMilliseconds => (int)s_defaults.SettleTimeout.TotalMilliseconds;

    public static int DefaultMaxReportedItems => s_defaults.MaxReportedItems;

    /// <summary>Applies the explicitly set values over <paramref name="options"/>.</summary>
    public void ApplyTo(LeakCheckOptions options, ref bool enabled)
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

        if (IgnoreFingerprints is { Length: > 0 })
        {
            options.IgnoreFingerprints = [.. options.IgnoreFingerprints, .. IgnoreFingerprints];
        }
    }
}
