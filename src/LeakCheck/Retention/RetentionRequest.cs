using System;
using System.Collections.Generic;
using System.IO;

namespace LeakCheck.Retention;

/// <summary>What one retention analysis is asked for.</summary>
/// <param name="Subjects">The leaked objects, weakly referenced.</param>
/// <param name="TimeLimit">A hard limit; past it the analysis gives up and says so.</param>
/// <param name="Trace">Where to write the time of each phase (<c>LEAKCHECK_RETENTION_TRACE=1</c>), or null.</param>
public sealed record RetentionRequest(IReadOnlyList<WeakReference> Subjects, TimeSpan TimeLimit, TextWriter? Trace)
{
    /// <summary>
    /// Gets the managed thread ids of the checks this analysis is for (several failing tests can share one analysis):
    /// their stacks hold the checks' own locals, never a reason why a leaked object is alive. Empty: the calling thread.
    /// </summary>
    public IReadOnlyList<int> CheckerThreads { get; init; } = [];
}
