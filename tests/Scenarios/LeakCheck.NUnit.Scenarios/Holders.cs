using System.Collections.Generic;

namespace LeakCheck.NUnit.Scenarios;

public static class Kept
{
    private static readonly List<object> s_items = new();

    public static void Add(object item)
    {
        lock (s_items)
        {
            s_items.Add(item);
        }
    }

    public static void Remove(object item)
    {
        lock (s_items)
        {
            s_items.Remove(item);
        }
    }
}

public sealed class Connection
{
}
