using System;

namespace LeakCheck.MSTest;

/// <summary>
/// Checks that each test leaves nothing alive: tasks, async methods, timers, threads, blocked channel readers and
/// objects registered with <see cref="LeakTracker.Track(object, string?)"/> that the test created and did not finish
/// or release fail the test with a report.
/// </summary>
/// <remarks>
/// <para>
/// Put it on a <c>[TestClass]</c>, a <c>[TestMethod]</c> or the assembly. The nearest attribute's explicitly set
/// properties win (method over class over assembly); the ignore rules of every level (<see cref="IgnoreKinds"/>,
/// <see cref="IgnoreTypes"/>, <see cref="IgnoreCreatedBy"/>, <see cref="IgnoreFingerprints"/>) are combined.
/// </para>
/// <para>
/// The attribute only carries configuration. The check is run by the global test hooks the LeakCheck.MSTest package
/// compiles into the test assembly: MSTest calls them before the test class is constructed and after its
/// <c>TestCleanup</c> and <c>Dispose</c>/<c>DisposeAsync</c>, so the check covers the constructor, <c>TestInitialize</c>,
/// the test, <c>TestCleanup</c> and disposal. <c>[AssemblyInitialize]</c>, <c>[ClassInitialize]</c> and their cleanups
/// run outside any test and are never blamed on one. A test whose constructor throws is not checked (MSTest runs no
/// cleanup hook for it).
/// </para>
/// </remarks>
[AttributeUsage(AttributeTargets.Assembly | AttributeTargets.Class | AttributeTargets.Method, AllowMultiple = false, Inherited = true)]
public sealed partial class NoLeaksAttribute : Attribute
{
}
