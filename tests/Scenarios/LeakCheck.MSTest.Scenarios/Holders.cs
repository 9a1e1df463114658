using System.Collections.Generic;
using System.Threading;
using Microsoft.VisualStudio.TestTools.UnitTesting;

[assembly: Parallelize(Scope = ExecutionScope.MethodLevel, Workers = 4)]

namespace LeakCheck.MSTest.Scenarios;

/// <summary>A stand-in for application state that outlives a test (a static cache, a singleton).</summary>
public static class StaticHolder
{
    private static readonly List<object> s_items = new();

    public static void Keep(object item)
    {
        lock (s_items)
        {
            s_items.Add(item);
        }
    }

    public static void Release(object item)
    {
        lock (s_items)
        {
            s_items.Remove(item);
        }
    }
}

public sealed class Session
{
}

public sealed class Connection
{
}

/// <summary>State a leaked timer holds: reports name its type, never its values.</summary>
public sealed class CacheState
{
    public string Secret { get; } = "hunter2";
}

/// <summary>Work that waits for ever: the scenarios' leaked waits.</summary>
public static class Never
{
    public static readonly SemaphoreSlim Released = new(0);
}
