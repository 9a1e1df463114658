using System;
using System.Collections.Generic;
using System.Threading;

[assembly: LeakCheck.LeakIgnore("createdBy:Vendor.Telemetry.Flusher.Start", Reason = "one flush timer per process")]
[assembly: LeakCheck.LeakIgnore("kind:Timr")]

namespace LeakCheck
{
    /// <summary>The library's own copy of LeakCheck's attribute: LeakCheck recognises it by its full name.</summary>
    [AttributeUsage(AttributeTargets.Assembly, AllowMultiple = true)]
    internal sealed class LeakIgnoreAttribute : Attribute
    {
        public LeakIgnoreAttribute(string rule) => Rule = rule;

        public string Rule { get; }

        public string? Reason { get; set; }
    }
}

namespace Vendor.Telemetry
{
    /// <summary>Flushes telemetry every minute for the whole process, started by whoever uses it first.</summary>
    public static class Flusher
    {
        private static readonly List<Timer> s_timers = new();

        public static void Start()
        {
            lock (s_timers)
            {
                s_timers.Add(new Timer(static _ => { }, null, TimeSpan.FromMinutes(1), TimeSpan.FromMinutes(1)));
            }
        }
    }

    /// <summary>The same kind of timer, but not covered by the library's ignore rule.</summary>
    public static class Sampler
    {
        private static readonly List<Timer> s_timers = new();

        public static void Start()
        {
            lock (s_timers)
            {
                s_timers.Add(new Timer(static _ => { }, null, TimeSpan.FromMinutes(1), TimeSpan.FromMinutes(1)));
            }
        }
    }
}
