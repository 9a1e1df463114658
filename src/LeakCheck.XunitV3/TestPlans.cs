using System;
using System.Collections.Concurrent;
using System.Reflection;
using LeakCheck.Adapters;

namespace LeakCheck.XunitV3;

/// <summary>The check plan of each xUnit v3 test method, from its <see cref="NoLeaksAttribute"/>s, built once.</summary>
internal static class TestPlans
{
    private static readonly ConcurrentDictionary<(MethodInfo, Type), CheckPlan?> s_plans = new();

    /// <summary>Returns the plan for a test method of <paramref name="testClass"/>, or null when no enabled [NoLeaks] applies to it.</summary>
    /// <remarks>Keyed by method and class: an inherited test method runs once per derived class, each with its own class attribute.</remarks>
    public static CheckPlan? For(MethodInfo method, Type testClass)
        => s_plans.GetOrAdd((method, testClass), static key => CheckPlan.ForTestMethod(
            key.Item2.Assembly.GetCustomAttribute<NoLeaksAttribute>()?.Settings,
            key.Item2.GetCustomAttribute<NoLeaksAttribute>(inherit: true)?.Settings,
            key.Item1.GetCustomAttribute<NoLeaksAttribute>(inherit: true)?.Settings,
            key.Item2,
            key.Item1));
}
