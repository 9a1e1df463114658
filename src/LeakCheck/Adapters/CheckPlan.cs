using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Reflection;
using System.Runtime.CompilerServices;

namespace LeakCheck.Adapters;

/// <summary>
/// What the <c>[NoLeaks]</c> attributes of one test say: check or not, and with which options. Built from the
/// assembly, class and method levels (the nearest explicitly set value wins, ignore rules are combined),
/// validated once and cached per test method by <see cref="For"/>.
/// </summary>
public sealed class CheckPlan
{
    private static readonly ConcurrentDictionary<(Type Class, MethodInfo Method), CheckPlan?> s_plans = new();

    private CheckPlan(LeakCheckOptions? options, LeakCheckConfigurationException? error)
    {
        Options = options;
        Error = error;
    }

    /// <summary>Gets the validated options, or null when the configuration is invalid.</summary>
    internal LeakCheckOptions? Options { get; }

    /// <summary>Gets the configuration problem to fail the test with, or null.</summary>
    public LeakCheckConfigurationException? Error { get; }

    /// <summary>
    /// Gets the start of the runtime's operation name of the test method's own async state machine (<c>Async: &lt;Test&gt;d__</c>:
    /// C# names it <c>&lt;Test&gt;d__3</c>, the number its place among the class's methods), or null for a synchronous test.
    /// The framework awaits the test body, so it is never left pending: its creation stack is not walked (a walk costs
    /// tens of microseconds on a test framework's deep stack). A state machine of another language (VB) keeps its walk.
    /// </summary>
    internal string? TestBodyOperation { get; private init; }

    /// <summary>
    /// The plan of a test method, built once per test class and method from the settings <paramref name="settingsOf"/>
    /// reads off the assembly, the class and the method (null where no attribute is).
    /// </summary>
    /// <param name="testClass">The class the test runs in (it may inherit the method).</param>
    /// <param name="testMethod">The test method.</param>
    /// <param name="settingsOf">Reads the adapter's attribute off an assembly, a class or a method; called once per level.</param>
    /// <returns>The plan, or null when no enabled attribute applies.</returns>
    public static CheckPlan? For(Type testClass, MethodInfo testMethod, Func<ICustomAttributeProvider, AttributeSettings?> settingsOf)
    {
        ArgumentNullException.ThrowIfNull(testClass);
        ArgumentNullException.ThrowIfNull(testMethod);
        ArgumentNullException.ThrowIfNull(settingsOf);
        return s_plans.GetOrAdd((testClass, testMethod), static (key, read) => ForTestMethod(
            Level.Of(key.Class.Assembly, read), Level.Of(key.Class, read), read(key.Method), key.Class, key.Method), settingsOf);
    }

    /// <summary>The plan of a test method from the [NoLeaks] settings on its assembly, class and method (null where none), not cached.</summary>
    /// <param name="assembly">The assembly's settings, or null.</param>
    /// <param name="testClass">The class's settings, or null.</param>
    /// <param name="method">The method's settings, or null.</param>
    /// <param name="type">The test class.</param>
    /// <param name="testMethod">The test method.</param>
    /// <returns>The plan, or null when no enabled attribute applies.</returns>
    public static CheckPlan? ForTestMethod(AttributeSettings? assembly, AttributeSettings? testClass, AttributeSettings? method, Type type, MethodInfo testMethod)
    {
        ArgumentNullException.ThrowIfNull(type);
        ArgumentNullException.ThrowIfNull(testMethod);
        var plan = Create(
            [
                (assembly, Level.AssemblyLabel(type.Assembly)),
                (testClass, "[NoLeaks] on class " + type.FullName),
                (method, "[NoLeaks] on method " + type.FullName + "." + testMethod.Name),
            ],
            $"[NoLeaks] on {type.FullName}.{testMethod.Name}");
        // IsDefined reads no attribute instance (about 1 us; reading the attribute's state machine type costs ~27 us per method).
        var isAsync = testMethod.IsDefined(typeof(AsyncStateMachineAttribute), inherit: false);
        return plan is null || !isAsync ? plan
            : new CheckPlan(plan.Options, plan.Error) { TestBodyOperation = Runtime.RuntimeEvents.AsyncOperationPrefix + "<" + testMethod.Name + ">d__" };
    }

    /// <summary>Returns the plan, or null when no attribute applies or the nearest one disables the check.</summary>
    /// <param name="levels">Settings from the farthest level (assembly) to the nearest (method), null where no attribute is, each with the label its ignore rules carry.</param>
    /// <param name="source">Where the settings come from, for error messages.</param>
    /// <param name="ignoreHint">The report's last line, how to accept a leak (<c>{fingerprint}</c> stands for one); null for <see cref="AttributeSettings.IgnoreHint"/>.</param>
    /// <returns>The plan, or null when no enabled attribute applies.</returns>
    public static CheckPlan? Create(IReadOnlyList<(AttributeSettings? Settings, string Label)> levels, string source, string? ignoreHint = null)
    {
        ArgumentNullException.ThrowIfNull(levels);
        var options = new LeakCheckOptions { IgnoreHint = ignoreHint ?? AttributeSettings.IgnoreHint };
        var enabled = true;
        var any = false;
        var errors = new List<string>();
        foreach (var (settings, label) in levels)
        {
            if (settings is not null)
            {
                any = true;
                settings.ApplyTo(options, ref enabled, label, errors);
            }
        }

        if (!any || !enabled)
        {
            return null;
        }

        try
        {
            options.Validate(source);
        }
        catch (LeakCheckConfigurationException ex)
        {
            errors.InsertRange(0, ex.Errors);
        }

        return errors.Count == 0 ? new CheckPlan(options, null) : new CheckPlan(null, new LeakCheckConfigurationException(source, errors));
    }

    /// <summary>
    /// The assembly and class levels, read once per adapter and provider rather than once per test method: reading an
    /// attribute constructs it, and an assembly-wide [NoLeaks] is read for every test of the assembly. Weakly keyed, so
    /// that collectible test assemblies can still unload.
    /// </summary>
    private static class Level
    {
        private static readonly ConcurrentDictionary<Func<ICustomAttributeProvider, AttributeSettings?>, ConditionalWeakTable<object, StrongBox<AttributeSettings?>>> s_read = new();
        private static readonly ConditionalWeakTable<Assembly, string> s_labels = new();

        public static AttributeSettings? Of(object provider, Func<ICustomAttributeProvider, AttributeSettings?> read)
        {
            var table = s_read.GetOrAdd(read, static _ => new());
            return table.TryGetValue(provider, out var known) ? known.Value
                : table.GetValue(provider, p => new StrongBox<AttributeSettings?>(read((ICustomAttributeProvider)p))).Value;
        }

        public static string AssemblyLabel(Assembly assembly)
            => s_labels.GetValue(assembly, static a => "[NoLeaks] on assembly " + a.GetName().Name);
    }
}
