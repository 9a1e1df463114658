using System;
using System.Reflection;
using System.Runtime.CompilerServices;
using System.Threading;
using LeakCheck.Adapters;

namespace LeakCheck.Xunit;

/// <summary>
/// The fallback when LeakCheck's test framework does not run the test (a suite with its own
/// <c>[assembly: TestFramework]</c>, or a custom test case type): the attribute's Before/After bracket the
/// check. xUnit runs them after the constructor and before Dispose, so the report says what was not covered.
/// </summary>
internal static class AttributeMode
{
    internal const string Notice =
        "LeakCheck ran in attribute mode (LeakCheck's test framework is not active for this test): the test class constructor, " +
        "InitializeAsync, DisposeAsync and Dispose were not checked. See README \"xUnit modes: test framework or attribute\".";

    private static readonly AsyncLocal<TestCheck?> s_check = new();
    private static readonly AsyncLocal<bool> s_frameworkClaim = new();
    private static readonly AsyncLocal<StrongBox<bool>?> s_watch = new();

    /// <summary>Marks the current test as checked by LeakCheck's test framework, so that the attribute stays out of the way.</summary>
    public static void ClaimForFramework() => s_frameworkClaim.Value = true;

    /// <summary>
    /// Watches whether the attribute checks the tests run from here on (in this execution context): the framework hands
    /// a test case type it cannot run itself to xUnit, and asks afterwards.
    /// </summary>
    public static StrongBox<bool> Watch() => s_watch.Value = new StrongBox<bool>();

    public static void Before(MethodInfo method)
    {
        // One check per test: with [NoLeaks] on the assembly and on the class, xUnit calls Before once per attribute.
        if (s_frameworkClaim.Value || s_check.Value is not null || method.ReflectedType is not { } testClass)
        {
            return;
        }

        var plan = NoLeaksAttribute.PlanFor(testClass, method);
        if (plan is null)
        {
            return;
        }

        if (s_watch.Value is { } watch)
        {
            watch.Value = true;
        }

        var check = TestCheck.Begin(plan, testClass.FullName + "." + method.Name, out var error);
        if (error is not null)
        {
            throw error;
        }

        check?.AddLeakNotice(Notice);
        // [Fact(Timeout = ...)]: xUnit races the test against a Task.Delay of its own, created in the test's context.
        if (check is not null && method.GetCustomAttributes(typeof(global::Xunit.FactAttribute), inherit: true) is [global::Xunit.FactAttribute { Timeout: > 0 }, ..])
        {
            check.ExpectFrameworkDelay();
        }
        s_check.Value = check;
    }

    public static void After()
    {
        var check = s_check.Value;
        if (check is null)
        {
            return;
        }

        s_check.Value = null;
        var outcome = check.End();
        if (outcome.Output.Length > 0)
        {
            // Attribute mode has no access to the test output; warnings go to the test host's error stream.
            Console.Error.WriteLine(outcome.Output);
        }

        if (outcome.Failure is not null)
        {
            throw outcome.Failure;
        }
    }
}
