using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using Microsoft.Diagnostics.Runtime;

namespace LeakCheck.HeapAnalysis;

/// <summary>
/// Names the static field that holds an object (<c>Namespace.Type.Field</c>). Enumerating every static of every
/// loaded module costs seconds, so only the wanted addresses are looked up, user modules first and the
/// shared framework last, stopping as soon as all are named.
/// </summary>
internal sealed class StaticNames
{
    private readonly ClrRuntime _runtime;

    public StaticNames(ClrRuntime runtime) => _runtime = runtime;

    public Dictionary<ulong, string> Find(IReadOnlyCollection<ulong> wanted)
    {
        var names = new Dictionary<ulong, string>();
        var remaining = new HashSet<ulong>(wanted.Where(a => a != 0));
        var framework = Path.GetDirectoryName(typeof(object).Assembly.Location) ?? string.Empty;
        foreach (var domain in _runtime.AppDomains)
        {
            var modules = domain.Modules
                .OrderBy(m => (m.Name ?? string.Empty).StartsWith(framework, StringComparison.Ordinal) ? 1 : 0)
                .ToList();
            foreach (var module in modules)
            {
                foreach (var type in module.EnumerateTypesWithStaticFields())
                {
                    foreach (var field in type.StaticFields)
                    {
                        if (!field.IsObjectReference || !field.IsInitialized(domain))
                        {
                            continue;
                        }

                        var value = field.ReadObject(domain).Address;
                        if (remaining.Remove(value))
                        {
                            names[value] = type.Name?.Replace('+', '.') + "." + RootPathFinder.CleanName(field.Name ?? "?");
                            if (remaining.Count == 0)
                            {
                                return names;
                            }
                        }
                    }
                }
            }
        }

        return names;
    }
}
