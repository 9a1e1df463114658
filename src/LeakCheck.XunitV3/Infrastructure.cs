using LeakCheck.Adapters;

namespace LeakCheck.XunitV3;

/// <summary>The assemblies whose work is xUnit v3's or this adapter's, never a test's (declared once, before the first check).</summary>
internal static class Infrastructure
{
    private static readonly bool s_registered = RegisterAll();

    public static void Register() => _ = s_registered;

    private static bool RegisterAll()
    {
        LeakCheckHost.RegisterInfrastructure(typeof(Infrastructure).Assembly);
        foreach (var name in new[] { "xunit.v3.*", "xunit.runner.*" })
        {
            LeakCheckHost.RegisterInfrastructure(name);
        }

        return true;
    }
}
