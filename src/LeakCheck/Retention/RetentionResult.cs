using System;
using System.Collections.Generic;

namespace LeakCheck.Retention;

/// <summary>What a retention analysis found.</summary>
/// <param name="Paths">One entry per subject: the path, one reference per line, or null when no path was found.</param>
/// <param name="UnavailableReason">Why no analysis could run (no paths then), or null.</param>
/// <param name="Elapsed">How long the analysis took.</param>
public sealed record RetentionResult(IReadOnlyList<IReadOnlyList<string>?> Paths, string? UnavailableReason, TimeSpan Elapsed)
{
    /// <summary>
    /// Gets, per subject, the managed frames of its thread, innermost first, when the subject is a
    /// <see cref="System.Threading.Thread"/> that is still running (what keeps a leaked thread alive is what it runs),
    /// and null for other subjects; null as a whole when the analyzer reads no stacks.
    /// </summary>
    public IReadOnlyList<IReadOnlyList<DumpedFrame>?>? ThreadStacks { get; init; }
}
