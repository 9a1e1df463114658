using System;
using System.Collections.Generic;

namespace LeakCheck.Adapters;

/// <summary>
/// What the [NoLeaks] attributes of one test say: check or not, and with which options. Built from the
/// assembly, class and method levels (the nearest explicitly set value wins, fingerprints are combined),
/// validated once; adapters cache one plan per test method.
/// </summary>
internal sealed class CheckPlan
{
    private CheckPlan(LeakCheckOptions? options, LeakCheckConfigurationException? error)
    {
        Options = options;
        Error = error;
    }

    /// <summary>Gets the validated options, or null when the configuration is invalid.</summary>
    public LeakCheckOptions? Options { get; }

    /// <summary>Gets the configuration problem to fail the test with, or null.</summary>
    public LeakCheckConfigurationException? Error { get; }

    /// <summary>Returns the plan, or null when no attribute applies or the nearest one disables the check.</summary>
    /// <param name="levels">Settings from the farthest level (assembly) to the nearest (method); null where no attribute is.</param>
    /// <param name="source">Where the settings come from, for error messages.</param>
    public static CheckPlan? Create(IReadOnlyList<AttributeSettings?> levels, string source)
    {
        var options = new LeakCheckOptions();
        var enabled = true;
        var any = false;
        foreach (var settings in levels)
        {
            if (settings is not null)
            {
                any = true;
                settings.ApplyTo(options, ref enabled);
            }
        }

        if (!any || !enabled)
        {
            return null;
        }

        try
        {
            options.Validate(source);
            return new CheckPlan(options, null);
        }
        catch (LeakCheckConfigurationException ex)
        {
            return new CheckPlan(null, ex);
        }
    }
}
