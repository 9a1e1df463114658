using Xunit;

namespace LeakCheck.XunitV3.Scenarios;

[NoLeaks(Mode = LeakCheckMode.Warn)]
public class WarnModeScenarios
{
    [Fact]
    public void Leak_in_warn_mode_passes_with_a_warning()
    {
        var session = new Session();
        LeakTracker.Track(session, "warned session");
        StaticHolder.Keep(session);
    }
}

/// <summary>The method's explicit Mode wins over the class's; the class's settle time still applies.</summary>
[NoLeaks(Mode = LeakCheckMode.Warn, SettleTimeoutMilliseconds = 100)]
public class MethodOverridesClassScenarios
{
    [Fact]
    [NoLeaks(Mode = LeakCheckMode.Fail)]
    public void Method_mode_wins()
    {
        var session = new Session();
        LeakTracker.Track(session, "method wins");
        StaticHolder.Keep(session);
    }
}
