using System;
using System.Collections.Generic;
using System.IO;

namespace LeakCheck.Retention;

/// <summary>What one retention analysis is asked for.</summary>
/// <param name="Subjects">The leaked objects, weakly referenced.</param>
/// <param name="TimeLimit">A hard limit; past it the analysis gives up and says so.</param>
/// <param name="Trace">Where to write the time of each phase (<c>LEAKCHECK_RETENTION_TRACE=1</c>), or null.</param>
public sealed record RetentionRequest(IReadOnlyList<WeakReference> Subjects, TimeSpan TimeLimit, TextWriter? Trace);
