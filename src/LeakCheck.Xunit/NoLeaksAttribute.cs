using System;
using System.Reflection;
using LeakCheck.Adapters;
using Xunit.Sdk;

namespace LeakCheck.Xunit;

/// <summary>
/// Checks that each test leaves nothing alive: tasks, async methods, timers, blocked channel readers and
/// objects registered with <see cref="LeakTracker.Track(object, string?)"/> that the test created and did
/// not finish or release fail the test with a report.
/// </summary>
/// <remarks>
/// <para>
/// Put it on a test class, a test method or the assembly. The nearest attribute's explicitly set
/// properties win (method over class over assembly); the ignore rules of every level (<see cref="IgnoreKinds"/>, <see cref="IgnoreTypes"/>,
/// <see cref="IgnoreCreatedBy"/>, <see cref="IgnoreFingerprints"/>) are combined.
/// </para>
/// <para>
/// With LeakCheck's test framework registered (the package does it for you), the check covers the whole
/// life of the test: the test class constructor, <c>IAsyncLifetime.InitializeAsync</c>, the test,
/// <c>DisposeAsync</c> and <c>Dispose</c>. Without it (a suite with its own <c>[assembly: TestFramework]</c>),
/// the attribute checks from <c>Before</c> to <c>After</c>, which xUnit runs after the constructor and
/// before <c>Dispose</c>; reports then say so. Class and collection fixtures are never blamed on a test.
/// </para>
/// </remarks>
[AttributeUsage(AttributeTargets.Assembly | AttributeTargets.Class | AttributeTargets.Method, AllowMultiple = false, Inherited = true)]
public sealed class NoLeaksAttribute : BeforeAfterTestAttribute
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

    /// <summary>Gets or sets a value indicating whether the check runs; <c>false</c> on a method opts it out of a class or assembly check.</summary>
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

    /// <inheritdoc/>
    public override void Before(MethodInfo methodUnderTest) => AttributeMode.Before(methodUnderTest);

    /// <inheritdoc/>
    public override void After(MethodInfo methodUnderTest) => AttributeMode.After();
}
