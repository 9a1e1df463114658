using LeakCheck.Adapters;

namespace LeakCheck.Xunit;

/// <summary>The assemblies whose work is xUnit's or this adapter's, never a test's (declared once, before the first check).</summary>
internal static class Infrastructure
{
    private static readonly bool s_registered = RegisterAll();

    public static void Register() => _ = s_registered;

    private static bool RegisterAll()
    {
        LeakCheckHost.RegisterInfrastructure(typeof(Infrastructure).Assembly);
        foreach (var name in new[] { "xunit.core", "xunit.execution.dotnet", "xunit.assert", "xunit.abstractions", "xunit.runner.*" })
        {
            LeakCheckHost.RegisterInfrastructure(name);
        }

        return true;
    }
}
