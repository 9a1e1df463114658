using System;
using System.Collections.Generic;

namespace LeakCheck.Retention;

/// <summary>What a retention analysis found.</summary>
/// <param name="Paths">One entry per subject: the path, one reference per line, or null when no path was found.</param>
/// <param name="UnavailableReason">Why no analysis could run (no paths then), or null.</param>
/// <param name="Elapsed">How long the analysis took.</param>
public sealed record RetentionResult(IReadOnlyList<IReadOnlyList<string>?> Paths, string? UnavailableReason, TimeSpan Elapsed);
