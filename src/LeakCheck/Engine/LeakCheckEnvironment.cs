using System;

namespace LeakCheck.Engine;

/// <summary>Reads LeakCheck's environment variables. Invalid values are errors, never silent defaults.</summary>
internal static class LeakCheckEnvironment
{
    public const string ModeVariable = "LEAKCHECK_MODE";

    /// <summary>Returns the mode to use: the environment variable when set, otherwise <paramref name="configured"/>.</summary>
    /// <exception cref="LeakCheckConfigurationException">The variable has a value other than fail, warn or off.</exception>
    public static LeakCheckMode ResolveMode(LeakCheckMode configured)
        => ParseMode(Environment.GetEnvironmentVariable(ModeVariable)) ?? configured;

    public static LeakCheckMode? ParseMode(string? value)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return null;
        }

        return value.Trim().ToLowerInvariant() switch
        {
            "fail" => LeakCheckMode.Fail,
            "warn" => LeakCheckMode.Warn,
            "off" => LeakCheckMode.Off,
            _ => throw new LeakCheckConfigurationException(
                "environment variable " + ModeVariable,
                [$"{ModeVariable} must be fail, warn or off (was \"{value}\")."]),
        };
    }
}
