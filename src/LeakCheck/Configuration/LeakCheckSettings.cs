using System;
using System.Collections.Generic;

namespace LeakCheck.Configuration;

/// <summary>
/// Every <c>LEAKCHECK_*</c> environment variable, read in this one place. <see cref="Read"/> parses them all and
/// collects every problem, so that a scope's begin reports all of them together (<see cref="ThrowIfInvalid"/>)
/// instead of one at a time, and nothing later in a scope (its end, a clean one included) throws over a variable.
/// </summary>
internal sealed class LeakCheckSettings
{
    public const string ModeVariable = "LEAKCHECK_MODE";
    public const string IgnoreVariable = "LEAKCHECK_IGNORE";
    public const string RetentionVariable = "LEAKCHECK_RETENTION";
    public const string RetentionTraceVariable = "LEAKCHECK_RETENTION_TRACE";
    public const string TraceVariable = "LEAKCHECK_TRACE";
    public const string ResultsVariable = "LEAKCHECK_RESULTS_DIR";
    public const string JsonVariable = "LEAKCHECK_JSON";
    public const string BaselineVariable = "LEAKCHECK_BASELINE";
    public const string BaselineFileVariable = "LEAKCHECK_BASELINE_FILE";

    /// <summary>The context every problem is reported under.</summary>
    public const string Source = "LeakCheck environment variables";

    private LeakCheckSettings()
    {
    }

    /// <summary>Gets the mode that overrides every scope's, or null when <c>LEAKCHECK_MODE</c> is unset (or invalid).</summary>
    public LeakCheckMode? Mode { get; private init; }

    /// <summary>Gets the raw <c>LEAKCHECK_IGNORE</c> rules (parsed by the ignore registry), or null.</summary>
    public string? Ignore { get; private init; }

    /// <summary>Gets whether <c>LEAKCHECK_RETENTION</c> forces retention paths on or off, or null to follow the options.</summary>
    public bool? Retention { get; private init; }

    /// <summary>Gets a value indicating whether heap analysis traces its steps (<c>LEAKCHECK_RETENTION_TRACE=1</c>).</summary>
    public bool RetentionTrace { get; private init; }

    /// <summary>Gets the file every scope appends a settle line to (<c>LEAKCHECK_TRACE</c>), or null.</summary>
    public string? TracePath { get; private init; }

    /// <summary>Gets the folder for the run's JSON report (<c>LEAKCHECK_RESULTS_DIR</c>), or null for the default.</summary>
    public string? ResultsDirectory { get; private init; }

    /// <summary>Gets a value indicating whether the run writes its JSON report (<c>LEAKCHECK_JSON</c>, on by default).</summary>
    public bool Json { get; private init; } = true;

    /// <summary>Gets what the run does with its baseline file (<c>LEAKCHECK_BASELINE</c>).</summary>
    public BaselineMode Baseline { get; private init; } = BaselineMode.Use;

    /// <summary>Gets the baseline file (<c>LEAKCHECK_BASELINE_FILE</c>), or null for the default.</summary>
    public string? BaselineFile { get; private init; }

    /// <summary>Gets every problem found, in the order of the variables above.</summary>
    public IReadOnlyList<string> Errors { get; private init; } = [];

    /// <summary>Reads and parses every variable now (cheap: tests change variables between scopes).</summary>
    public static LeakCheckSettings Read()
    {
        var errors = new List<string>();
        var settings = new LeakCheckSettings
        {
            Mode = Choice(ModeVariable, "fail, warn or off", errors, ("fail", LeakCheckMode.Fail), ("warn", LeakCheckMode.Warn), ("off", LeakCheckMode.Off)),
            Ignore = Environment.GetEnvironmentVariable(IgnoreVariable),
            Retention = Choice(RetentionVariable, "on or off", errors, ("on", true), ("off", false)),
            RetentionTrace = Environment.GetEnvironmentVariable(RetentionTraceVariable) == "1",
            TracePath = NonEmpty(TraceVariable),
            ResultsDirectory = NonEmpty(ResultsVariable),
            Json = Choice(JsonVariable, "on or off", errors, ("on", true), ("off", false)) ?? true,
            Baseline = Choice(BaselineVariable, "use, record or off", errors, ("use", BaselineMode.Use), ("record", BaselineMode.Record), ("off", BaselineMode.Off)) ?? BaselineMode.Use,
            BaselineFile = NonEmpty(BaselineFileVariable),
            Errors = errors,
        };
        return settings;
    }

    /// <summary>Parses a mode the way <c>LEAKCHECK_MODE</c> is parsed (null when empty).</summary>
    /// <exception cref="LeakCheckConfigurationException">The value is not fail, warn or off.</exception>
    public static LeakCheckMode? ParseMode(string? value)
    {
        var errors = new List<string>();
        var mode = Parse(ModeVariable, value, "fail, warn or off", errors, ("fail", LeakCheckMode.Fail), ("warn", LeakCheckMode.Warn), ("off", LeakCheckMode.Off));
        return errors.Count == 0 ? mode : throw new LeakCheckConfigurationException(Source, errors);
    }

    /// <summary>Throws when any variable is invalid, listing every problem.</summary>
    /// <exception cref="LeakCheckConfigurationException">A variable has an invalid value.</exception>
    public void ThrowIfInvalid()
    {
        if (Errors.Count > 0)
        {
            throw new LeakCheckConfigurationException(Source, [.. Errors]);
        }
    }

    private static T? Choice<T>(string variable, string allowed, List<string> errors, params (string Text, T Value)[] choices)
        where T : struct
        => Parse(variable, Environment.GetEnvironmentVariable(variable), allowed, errors, choices);

    private static T? Parse<T>(string variable, string? raw, string allowed, List<string> errors, params (string Text, T Value)[] choices)
        where T : struct
    {
        if (string.IsNullOrWhiteSpace(raw))
        {
            return null;
        }

        var text = raw.Trim().ToLowerInvariant();
        foreach (var (name, value) in choices)
        {
            if (name == text)
            {
                return value;
            }
        }

        errors.Add($"{variable} must be {allowed} (was \"{raw}\").");
        return null;
    }

    private static string? NonEmpty(string variable)
        => Environment.GetEnvironmentVariable(variable) is { } value && !string.IsNullOrWhiteSpace(value) ? value.Trim() : null;
}
