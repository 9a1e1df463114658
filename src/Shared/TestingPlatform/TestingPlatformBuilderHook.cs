// Shared by LeakCheck.XunitV3 and LeakCheck.MSTest (linked into each).
using System;
using Microsoft.Testing.Platform.Builder;

#if LEAKCHECK_MSTEST
namespace LeakCheck.MSTest.TestingPlatform;
#else
namespace LeakCheck.XunitV3.TestingPlatform;
#endif

/// <summary>
/// Registers LeakCheck's Microsoft.Testing.Platform extension: the package's build files (LeakCheck.XunitV3's props,
/// LeakCheck.MSTest's targets) list this type as a <c>TestingPlatformBuilderHook</c>, and the platform's generated
/// registration calls it when the test application (xUnit v3, or MSTest with <c>EnableMSTestRunner</c>) starts in
/// Microsoft.Testing.Platform mode.
/// </summary>
/// <remarks>
/// The extension publishes the run's JSON report as a session artifact (<c>dotnet test</c> lists it, also for a
/// passing run, whose standard error and so LeakCheck's run summary it hides) and sends that report to the
/// platform's results directory (<c>--results-directory</c>) unless <c>LEAKCHECK_RESULTS_DIR</c> says otherwise.
/// Nothing calls it in VSTest mode or without Microsoft.Testing.Platform (<c>xunit.v3.mtp-off</c>, MSTest under VSTest).
/// </remarks>
public static class TestingPlatformBuilderHook
{
    /// <summary>Adds LeakCheck's extension to the test application.</summary>
    /// <param name="builder">The test application's builder.</param>
    /// <param name="args">The command line (unused).</param>
    public static void AddExtensions(ITestApplicationBuilder builder, string[] args)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.TestHost.AddTestSessionLifetimeHandler(static services => new JsonReportArtifact(services));
    }
}
