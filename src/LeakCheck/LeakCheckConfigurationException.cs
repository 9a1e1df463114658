using System;
using System.Collections.Generic;
using System.Linq;

namespace LeakCheck;

/// <summary>
/// Thrown where LeakCheck is configured with invalid values. The message lists every problem at once.
/// </summary>
public sealed class LeakCheckConfigurationException : Exception
{
    /// <summary>Initializes a new instance with the place of the configuration and its problems.</summary>
    /// <param name="source">Where the configuration was set.</param>
    /// <param name="errors">Each problem, one sentence each.</param>
    public LeakCheckConfigurationException(string source, IEnumerable<string> errors)
        : this(source, errors.ToArray())
    {
    }

    private LeakCheckConfigurationException(string source, string[] errors)
        : base(BuildMessage(source, errors))
    {
        Source = source;
        Errors = errors;
    }

    /// <summary>Gets each problem, one sentence each.</summary>
    public IReadOnlyList<string> Errors { get; }

    private static string BuildMessage(string source, string[] errors)
        => $"LeakCheck configuration is invalid ({source}):" + string.Concat(errors.Select(e => "\n- " + e));
}
