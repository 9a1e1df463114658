using LeakCheck.Adapters;

namespace LeakCheck.MSTest;

/// <summary>The assemblies whose work is MSTest's or this adapter's, never a test's (declared once, before the first check).</summary>
internal static class Infrastructure
{
    private static readonly bool s_registered = RegisterAll();

    public static void Register() => _ = s_registered;

    private static bool RegisterAll()
    {
        LeakCheckHost.RegisterInfrastructure(typeof(Infrastructure).Assembly);
        foreach (var name in new[] { "MSTest.*", "MSTestAdapter.*", "Microsoft.VisualStudio.TestPlatform.*", "Microsoft.Testing.*" })
        {
            LeakCheckHost.RegisterInfrastructure(name);
        }

        return true;
    }
}
