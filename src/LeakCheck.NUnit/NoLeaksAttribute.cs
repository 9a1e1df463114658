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
public sealed partial class NoLeaksAttribute : NUnitAttribute, ITestAction, IWrapSetUpTearDown
{
    /// <inheritdoc/>
    public ActionTargets Targets => ActionTargets.Test | ActionTargets.Suite;

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
