using System;
using System.Collections.Generic;
using System.Reflection;

namespace LeakCheck.Adapters;

/// <summary>What a test-framework adapter tells the engine about the process it runs in, besides each test's check.</summary>
public static class LeakCheckHost
{
    /// <summary>
    /// Declares an assembly as test infrastructure (the adapter's own, the test framework's): its frames are hidden
    /// from creation stacks, and work it creates while a test runs (a time-out <c>Task.Delay</c>, a worker thread) is
    /// never the test's. Call it before the first check begins; calling it again for the same assembly does nothing.
    /// </summary>
    /// <param name="assembly">The assembly.</param>
    public static void RegisterInfrastructure(Assembly assembly)
    {
        ArgumentNullException.ThrowIfNull(assembly);
        Stacks.UserFrames.RegisterInfrastructure(assembly);
    }

    /// <summary>
    /// Declares the assemblies of a name as test infrastructure, whether loaded yet or not (see
    /// <see cref="RegisterInfrastructure(Assembly)"/>); a trailing <c>*</c> matches any suffix (<c>xunit.v3.*</c>).
    /// </summary>
    /// <param name="assemblyName">The simple assembly name, compared ignoring case.</param>
    public static void RegisterInfrastructure(string assemblyName)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(assemblyName);
        Stacks.UserFrames.RegisterInfrastructure(assemblyName);
    }

    /// <summary>
    /// Says that a test a <c>[NoLeaks]</c> scope covers was not checked (for example a custom test case type the adapter
    /// cannot run): the run summary lists it with the reason, so that no test is silently unchecked.
    /// </summary>
    /// <param name="test">The test's name.</param>
    /// <param name="reason">Why it was not checked, and what to do about it.</param>
    public static void ReportUnchecked(string test, string reason)
    {
        ArgumentNullException.ThrowIfNull(test);
        ArgumentNullException.ThrowIfNull(reason);
        Run.LeakRun.Current.OnUnchecked(test, reason);
    }

    /// <summary>
    /// Completes the run: writes the JSON report and a recorded baseline, and prints the run summary. The next check
    /// starts a new run. Without this call the run completes when the process exits.
    /// </summary>
    public static void CompleteRun() => Run.LeakRun.Complete();

    /// <summary>
    /// Gets or sets the test host's results directory (Microsoft.Testing.Platform's <c>--results-directory</c>): the JSON
    /// report goes there unless <c>LEAKCHECK_RESULTS_DIR</c> says otherwise. Set it before the first check begins.
    /// </summary>
    public static string? ResultsDirectory
    {
        get => Run.LeakRun.HostResultsDirectory;
        set => Run.LeakRun.HostResultsDirectory = value;
    }

    /// <summary>The JSON reports written by the runs of this process that have completed, oldest first.</summary>
    /// <returns>Their paths.</returns>
    public static IReadOnlyList<string> JsonReports() => Run.LeakRun.JsonReports();

    /// <summary>A type's name as reports write it (<c>System.Collections.Generic.List&lt;System.String&gt;</c>).</summary>
    /// <param name="type">The type.</param>
    /// <returns>The name.</returns>
    public static string TypeName(Type type)
    {
        ArgumentNullException.ThrowIfNull(type);
        return Stacks.TypeNames.Of(type);
    }
}
