using System;
using System.Collections.Generic;
using System.Threading;

namespace Helpers;

/// <summary>Shared test helper: every test that starts a poller and never stops it leaks its timer.</summary>
public static class Poller
{
    private static readonly List<Timer> s_started = new();

    public static void Start()
    {
        lock (s_started)
        {
            s_started.Add(new Timer(static _ => { }, null, TimeSpan.FromMinutes(5), TimeSpan.FromMinutes(5)));
        }
    }

    public static void StartAndStop()
    {
        using var timer = new Timer(static _ => { }, null, TimeSpan.FromMinutes(5), TimeSpan.FromMinutes(5));
    }
}
