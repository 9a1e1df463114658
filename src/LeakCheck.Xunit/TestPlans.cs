using System;
using System.Collections.Concurrent;
using System.Reflection;
using LeakCheck.Adapters;

namespace LeakCheck.Xunit;

/// <summary>The check plan of each xUnit test method, from its <see cref="NoLeaksAttribute"/>s, built once.</summary>
internal static class TestPlans
{
    private static readonly ConcurrentDictionary<MethodInfo, CheckPlan?> s_plans = new();

    /// <summary>Returns the plan for a test method, or null when no enabled [NoLeaks] applies to it.</summary>
    public static CheckPlan? For(MethodInfo method, Type testClass)
        => s_plans.GetOrAdd(method, static (m, c) => CheckPlan.ForTestMethod(
            c.Assembly.GetCustomAttribute<NoLeaksAttribute>()?.Settings,
            c.GetCustomAttribute<NoLeaksAttribute>(inherit: true)?.Settings,
            m.GetCustomAttribute<NoLeaksAttribute>(inherit: true)?.Settings,
            c,
            m), testClass);
}
