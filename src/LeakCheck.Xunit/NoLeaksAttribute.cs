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
public sealed partial class NoLeaksAttribute : BeforeAfterTestAttribute
{

    /// <inheritdoc/>
    public override void Before(MethodInfo methodUnderTest) => AttributeMode.Before(methodUnderTest);

    /// <inheritdoc/>
    public override void After(MethodInfo methodUnderTest) => AttributeMode.After();
}
