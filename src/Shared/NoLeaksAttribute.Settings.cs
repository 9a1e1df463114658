// Shared by LeakCheck.Xunit, LeakCheck.XunitV3, LeakCheck.NUnit and LeakCheck.MSTest (linked into each): the settings of [NoLeaks] are the same in
// every framework; only the base class and the lifecycle hooks differ, and those live in each adapter.
using LeakCheck.Adapters;

#if LEAKCHECK_NUNIT
namespace LeakCheck.NUnit;
#elif LEAKCHECK_MSTEST
namespace LeakCheck.MSTest;
#elif LEAKCHECK_XUNITV3
namespace LeakCheck.XunitV3;
#else
namespace LeakCheck.Xunit;
#endif

/// <content>The settings every level of <c>[NoLeaks]</c> can set.</content>
public sealed partial class NoLeaksAttribute
{
    /// <summary>Gets or sets how long to wait, at most, for work the test started to finish.</summary>
    /// <value>1000 ms (<see cref="LeakCheckOptions.SettleTimeout"/>). Must be greater than zero.</value>
    public int SettleTimeoutMilliseconds
    {
        get => Settings.SettleTimeoutMilliseconds ?? AttributeSettings.DefaultSettleTimeoutMilliseconds;
        set => Settings.SettleTimeoutMilliseconds = value;
    }

    /// <summary>Gets or sets how many leaked items a report shows.</summary>
    /// <value>10 (<see cref="LeakCheckOptions.MaxReportedItems"/>). Must be greater than zero.</value>
    public int MaxReportedItems
    {
        get => Settings.MaxReportedItems ?? AttributeSettings.DefaultMaxReportedItems;
        set => Settings.MaxReportedItems = value;
    }

    /// <summary>Gets or sets what a leak does to the test.</summary>
    /// <value><see cref="LeakCheckMode.Fail"/>. The <c>LEAKCHECK_MODE</c> environment variable, when set, wins.</value>
    public LeakCheckMode Mode
    {
        get => Settings.Mode ?? LeakCheckMode.Fail;
        set => Settings.Mode = value;
    }

    /// <summary>Gets or sets a value indicating whether the check runs; <c>false</c> on a method opts it out of a class (fixture) or assembly check.</summary>
    /// <value><c>true</c>.</value>
    public bool Enabled
    {
        get => Settings.Enabled ?? true;
        set => Settings.Enabled = value;
    }

    /// <summary>Gets or sets fingerprints of known leaks to accept (see README "Ignoring known leaks").</summary>
    /// <value>Empty.</value>
    public string[] IgnoreFingerprints
    {
        get => Settings.IgnoreFingerprints;
        set => Settings.IgnoreFingerprints = value ?? [];
    }

    /// <summary>Gets or sets kinds of leaked items to accept (see README "Ignoring known leaks").</summary>
    /// <value>Empty.</value>
    public LeakKind[] IgnoreKinds
    {
        get => Settings.IgnoreKinds;
        set => Settings.IgnoreKinds = value ?? [];
    }

    /// <summary>
    /// Gets or sets type patterns of leaked items to accept: the type as the report prints it, or for async work the
    /// method (<c>*</c> matches any characters, for example <c>Vendor.Sdk.*</c>).
    /// </summary>
    /// <value>Empty.</value>
    public string[] IgnoreTypes
    {
        get => Settings.IgnoreTypes;
        set => Settings.IgnoreTypes = value ?? [];
    }

    /// <summary>
    /// Gets or sets patterns of methods whose leaked items to accept: any frame of the creation stack, written
    /// <c>Namespace.Type.Method</c> or <c>Namespace.Type</c> (<c>*</c> matches any characters, for example <c>Vendor.Sdk.*</c>).
    /// </summary>
    /// <value>Empty.</value>
    public string[] IgnoreCreatedBy
    {
        get => Settings.IgnoreCreatedBy;
        set => Settings.IgnoreCreatedBy = value ?? [];
    }

    internal AttributeSettings Settings { get; } = new();

    /// <summary>The check plan of a test method from the attributes on its assembly, class and method, built once; null when none applies.</summary>
    internal static CheckPlan? PlanFor(System.Type testClass, System.Reflection.MethodInfo method)
    {
        Infrastructure.Register();
        return CheckPlan.For(testClass, method, static provider
            => provider.IsDefined(typeof(NoLeaksAttribute), inherit: true) // most test methods have none: no attribute is built
                && provider.GetCustomAttributes(typeof(NoLeaksAttribute), inherit: true) is [NoLeaksAttribute attribute, ..] ? attribute.Settings : null);
    }
}
