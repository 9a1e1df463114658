using System;
using System.Collections.Concurrent;
using System.Linq;
using System.Reflection;

namespace LeakCheck.Xunit;

/// <summary>
/// What <see cref="NoLeaksAttribute"/>s say for one test method: check or not, and with which options. Built once
/// per method from the assembly, class and method attributes (nearest wins) and cached.
/// </summary>
internal sealed class CheckPlan
{
    private static readonly ConcurrentDictionary<MethodInfo, CheckPlan?> s_plans = new();

    private CheckPlan(LeakCheckOptions? options, LeakCheckConfigurationException? error)
    {
        Options = options;
        Error = error;
    }

    /// <summary>Gets the validated options, or null when the configuration is invalid.</summary>
    public LeakCheckOptions? Options { get; }

    /// <summary>Gets the configuration problem to fail the test with, or null.</summary>
    public LeakCheckConfigurationException? Error { get; }

    /// <summary>Returns the plan for a test method, or null when no enabled [NoLeaks] applies to it.</summary>
    public static CheckPlan? For(MethodInfo method, Type testClass)
        => s_plans.GetOrAdd(method, static (m, c) => Create(m, c), testClass);

    private static CheckPlan? Create(MethodInfo method, Type testClass)
    {
        var levels = new[]
        {
            testClass.Assembly.GetCustomAttribute<NoLeaksAttribute>(),
            testClass.GetCustomAttribute<NoLeaksAttribute>(inherit: true),
            method.GetCustomAttribute<NoLeaksAttribute>(inherit: true),
        };
        if (levels.All(a => a is null))
        {
            return null;
        }

        var options = new LeakCheckOptions();
        var enabled = true;
        foreach (var attribute in levels)
        {
            attribute?.ApplyTo(options, ref enabled);
        }

        if (!enabled)
        {
            return null;
        }

        try
        {
            options.Validate($"[NoLeaks] on {testClass.FullName}.{method.Name}");
            return new CheckPlan(options, null);
        }
        catch (LeakCheckConfigurationException ex)
        {
            return new CheckPlan(null, ex);
        }
    }
}
