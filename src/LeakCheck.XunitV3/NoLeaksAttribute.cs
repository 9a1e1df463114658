using System;

namespace LeakCheck.XunitV3;

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
/// The attribute only carries configuration. The check is run by <see cref="LeakCheckAssemblyFixture"/>, which the
/// LeakCheck.XunitV3 package registers as an assembly fixture: xUnit v3 tells it before the test class is
/// constructed and after it is disposed, so the check covers the constructor, <c>InitializeAsync</c>, the test,
/// <c>DisposeAsync</c> and <c>Dispose</c>. Class, collection and assembly fixtures are created outside any test
/// and are never blamed on one.
/// </para>
/// </remarks>
[AttributeUsage(AttributeTargets.Assembly | AttributeTargets.Class | AttributeTargets.Method, AllowMultiple = false, Inherited = true)]
public sealed partial class NoLeaksAttribute : Attribute
{
}
