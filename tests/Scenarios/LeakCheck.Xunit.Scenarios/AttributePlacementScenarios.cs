using Xunit;

namespace LeakCheck.Xunit.Scenarios;

public class MethodLevelAttribute
{
    [Fact]
    [NoLeaks]
    public void Checked_method_leaks()
    {
        var session = new Session();
        LeakTracker.Track(session);
        StaticHolder.Keep(session);
    }

    [Fact]
    public void Unchecked_method_leaks_unnoticed()
    {
        var session = new Session();
        LeakTracker.Track(session);
        StaticHolder.Keep(session);
    }
}

[NoLeaks(Mode = LeakCheckMode.Warn)]
public class WarnModeScenarios
{
    [Fact]
    public void Leak_is_reported_in_output()
    {
        var session = new Session();
        LeakTracker.Track(session, "warned");
        StaticHolder.Keep(session);
    }
}

[NoLeaks(Mode = LeakCheckMode.Off)]
public class OffModeScenarios
{
    [Fact]
    public void Leak_is_not_checked()
    {
        var session = new Session();
        LeakTracker.Track(session);
        StaticHolder.Keep(session);
    }
}

[NoLeaks(SettleTimeoutMilliseconds = -5, MaxReportedItems = 0, IgnoreFingerprints = new[] { "nope" })]
public class InvalidOptionsScenarios
{
    [Fact]
    public void Test()
    {
    }
}

[NoLeaks]
public class ManyLeaksScenarios
{
    [Fact]
    [NoLeaks(MaxReportedItems = 2)]
    public void Three_leaks_two_shown()
    {
        for (var i = 0; i < 3; i++)
        {
            var session = new Session();
            LeakTracker.Track(session, "session " + i);
            StaticHolder.Keep(session);
        }
    }
}
