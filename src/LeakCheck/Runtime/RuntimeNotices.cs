using System.Collections.Generic;

namespace LeakCheck.Runtime;

/// <summary>
/// Lookups that failed while a probe was reading a live object (a runtime type whose shape differs from what the
/// layer resolved). Each distinct problem is announced once per run, in the next report, instead of the item
/// silently reading vaguer.
/// </summary>
internal static class RuntimeNotices
{
    private static readonly HashSet<string> s_seen = [];
    private static readonly List<string> s_unannounced = [];

    public static void Add(string problem)
    {
        lock (s_seen)
        {
            if (s_seen.Add(problem))
            {
                s_unannounced.Add("LeakCheck could not read a runtime object as expected (" + problem + "); the items it affects are described with less detail in this run.");
            }
        }
    }

    /// <summary>Moves the problems not announced yet into <paramref name="notices"/>.</summary>
    public static void TakeUnannounced(List<string> notices)
    {
        lock (s_seen)
        {
            notices.AddRange(s_unannounced);
            s_unannounced.Clear();
        }
    }
}
