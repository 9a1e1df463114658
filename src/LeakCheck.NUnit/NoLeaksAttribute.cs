using System;
using LeakCheck.Adapters;
using NUnit.Framework;
using NUnit.Framework.Interfaces;
using NUnit.Framework.Internal.Commands;

namespace LeakCheck.NUnit;

/// <summary>
/// Checks that each test leaves nothing alive: tasks, async methods, timers, blocked channel readers and
/// objects registered with <see cref="LeakTracker.Track(object, string?)"/> that the test (including its
/// <c>[SetUp]</c> and <c>[TearDown]</c>) created and did not finish or release fail the test with a report.
/// </summary>
/// <remarks>
/// <para>
/// Put it on a fixture, a test method or the assembly. The nearest attribute's explicitly set properties
/// win (method over fixture over assembly); the ignore rules of every level (<see cref="IgnoreKinds"/>, <see cref="IgnoreTypes"/>,
/// <see cref="IgnoreCreatedBy"/>, <see cref="IgnoreFingerprints"/>) are combined.
/// </para>
/// <para>
/// On a fixture or the assembly it acts before <c>[SetUp]</c> and after <c>[TearDown]</c> (an
/// <see cref="ITestAction"/> targeting tests); on a method it wraps <c>[SetUp]</c> and <c>[TearDown]</c>
/// (<see cref="IWrapSetUpTearDown"/>, which NUnit honours on methods only). <c>[OneTimeSetUp]</c> and fixture
/// construction run outside any test and are never blamed on one. A leak is a failure added after any
/// failure the test already has; <c>LEAKCHECK_MODE=warn</c> writes the report to the test output instead.
/// </para>
/// </remarks>
[AttributeUsage(AttributeTargets.Assembly | AttributeTargets.Class | AttributeTargets.Method, AllowMultiple = false, Inherited = true)]
public sealed class NoLeaksAttribute : NUnitAttribute, ITestAction, IWrapSetUpTearDown
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

    /// <summary>Gets or sets a value indicating whether the check runs; <c>false</c> on a method opts it out of a fixture or assembly check.</summary>
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

    /// <inheritdoc/>
    public ActionTargets Targets => ActionTargets.Test | ActionTargets.Suite;

    internal AttributeSettings Settings { get; } = new();

    /// <inheritdoc/>
    public void BeforeTest(ITest test)
    {
        if (!test.IsSuite)
        {
            NUnitCheck.Begin(test, owner: this);
        }
    }

    /// <inheritdoc/>
    public void AfterTest(ITest test)
    {
        if (!test.IsSuite)
        {
            NUnitCheck.End(owner: this);
        }
        else if (test.TestType == "Assembly")
        {
            // [assembly: NoLeaks] sees the end of the run: the JSON report and the run summary are written now
            // (otherwise at process exit, which the test host may cut short).
            NUnitCheck.EndOfRun();
        }
    }

    /// <inheritdoc/>
    public TestCommand Wrap(TestCommand command) => new NoLeaksCommand(command);
}
