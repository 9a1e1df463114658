using System;

namespace LeakCheck;

/// <summary>
/// Thrown when a scope ends with leaks. Its message is the whole report.
/// </summary>
public sealed class LeakDetectedException : Exception
{
    /// <summary>Initializes a new instance of the <see cref="LeakDetectedException"/> class.</summary>
    /// <param name="report">The report of the scope; must have leaks.</param>
    public LeakDetectedException(LeakReport report)
        : base((report ?? throw new ArgumentNullException(nameof(report))).Message)
    {
        Report = report;
    }

    /// <summary>Gets the report of the scope.</summary>
    public LeakReport Report { get; }

    /// <summary>Gets no stack trace: the report names the leak's own creation frames instead.</summary>
    public override string? StackTrace => null;
}
