using System.Runtime.CompilerServices;

namespace LeakCheck.NUnit.Tests.Infrastructure;

/// <summary>
/// These are xUnit tests that load NUnit (to run the scenarios); FluentAssertions would otherwise pick NUnit's
/// exceptions for its failures.
/// </summary>
internal static class AssertionFramework
{
    [ModuleInitializer]
    internal static void UseXunit() => FluentAssertions.Common.Services.Configuration.TestFrameworkName = "xunit2";
}
