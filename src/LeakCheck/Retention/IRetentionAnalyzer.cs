using System;
using System.Collections.Generic;

namespace LeakCheck.Retention;

/// <summary>
/// Explains why leaked objects are still alive (a path of references from a GC root). The engine knows heap
/// analysis only through this seam; the optional LeakCheck.HeapAnalysis package implements it with ClrMD.
/// </summary>
internal interface IRetentionAnalyzer
{
    /// <summary>Finds a retention path for each subject that is still alive.</summary>
    /// <param name="subjects">The leaked objects, weakly referenced: the analyzer must not root them itself.</param>
    /// <param name="timeLimit">A hard limit; past it the analysis gives up and says so.</param>
    RetentionResult Analyze(IReadOnlyList<WeakReference> subjects, TimeSpan timeLimit);
}

/// <summary>What a retention analysis found.</summary>
/// <param name="Paths">One entry per subject: the path, one reference per line, or null when no path was found.</param>
/// <param name="UnavailableReason">Why no analysis could run (no paths then), or null.</param>
/// <param name="Elapsed">How long the analysis took.</param>
internal sealed record RetentionResult(IReadOnlyList<IReadOnlyList<string>?> Paths, string? UnavailableReason, TimeSpan Elapsed);
