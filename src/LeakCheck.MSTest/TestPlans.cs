using System;
using System.Collections.Concurrent;
using System.Linq;
using System.Reflection;
using LeakCheck.Adapters;
using Microsoft.VisualStudio.TestTools.UnitTesting;

namespace LeakCheck.MSTest;

/// <summary>The test method MSTest names by class, test name and row arguments, and its check plan, looked up once.</summary>
internal static class TestPlans
{
    private static readonly ConcurrentDictionary<(Assembly Assembly, string TestClass, string TestName, int Arguments), CheckPlan?> s_plans = new();

    /// <summary>
    /// Returns the plan for the test MSTest names by class and method (and, for overloads, the number of arguments of its
    /// data row), or null when no enabled [NoLeaks] applies to it or the method cannot be found.
    /// </summary>
    public static CheckPlan? For(Assembly testAssembly, string testClass, string testName, int arguments)
        => s_plans.GetOrAdd((testAssembly, testClass, testName, arguments), static key => Build(key.Assembly, key.TestClass, key.TestName, key.Arguments));

    private static CheckPlan? Build(Assembly testAssembly, string testClass, string testName, int arguments)
    {
        var type = testAssembly.GetType(testClass, throwOnError: false);
        var method = type is null ? null : TestMethod(type, testName, arguments);
        return method is null
            ? null
            : NoLeaksAttribute.PlanFor(type!, method);
    }

    private static MethodInfo? TestMethod(Type type, string name, int arguments)
    {
        var candidates = type.GetMethods(BindingFlags.Public | BindingFlags.Instance)
            .Where(m => m.Name == name && m.IsDefined(typeof(TestMethodAttribute), inherit: true))
            .ToList();
        return candidates.Count == 1 ? candidates[0] : candidates.Find(m => m.GetParameters().Length == arguments) ?? candidates.FirstOrDefault();
    }
}
