using System.Runtime.CompilerServices;
using LeakCheck.Adapters;

namespace LeakCheck.TestSupport;

/// <summary>
/// Tests hosted by xUnit that use the engine (or run another framework's scenarios) without the xUnit adapter declare
/// xUnit as infrastructure, the way every adapter declares its framework (<see cref="LeakCheckHost.RegisterInfrastructure(string)"/>).
/// </summary>
internal static class XunitIsInfrastructure
{
    [ModuleInitializer]
    internal static void Register() => LeakCheckHost.RegisterInfrastructure("xunit.*");
}
