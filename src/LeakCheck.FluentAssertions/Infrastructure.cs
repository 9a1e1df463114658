using LeakCheck.Adapters;

namespace LeakCheck.FluentAssertions;

/// <summary>
/// The assemblies hidden from creation stacks and never blamed: FluentAssertions', this package's, and those of the test
/// frameworks FluentAssertions runs under (declared once, before the first check).
/// </summary>
internal static class Infrastructure
{
    private static readonly bool s_registered = RegisterAll();

    public static void Register() => _ = s_registered;

    private static bool RegisterAll()
    {
        LeakCheckHost.RegisterInfrastructure(typeof(Infrastructure).Assembly);
        foreach (var name in new[] { "FluentAssertions", "xunit.*", "nunit.framework*", "MSTest.*", "Microsoft.VisualStudio.TestPlatform.*", "TUnit.*" })
        {
            LeakCheckHost.RegisterInfrastructure(name);
        }

        return true;
    }
}
