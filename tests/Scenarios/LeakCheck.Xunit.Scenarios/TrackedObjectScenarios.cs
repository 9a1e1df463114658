using Xunit;

namespace LeakCheck.Xunit.Scenarios;

[NoLeaks]
public class TrackedObjectScenarios
{
    [Fact]
    public void Tracked_object_held_by_static_leaks()
    {
        var session = new Session();
        LeakTracker.Track(session, "session");
        StaticHolder.Keep(session);
    }

    [Fact]
    public void Tracked_object_released_is_clean()
    {
        LeakTracker.Track(new Session(), "session");
    }

    [Fact]
    public void Clean_test_without_tracking_is_clean()
    {
    }

    [Fact]
    public void Failing_test_that_leaks_keeps_its_own_failure_first()
    {
        var connection = new Connection();
        LeakTracker.Track(connection);
        StaticHolder.Keep(connection);
        Assert.Equal(1, 2);
    }

    [Fact]
    [NoLeaks(Enabled = false)]
    public void Opted_out_method_is_not_checked()
    {
        var session = new Session();
        LeakTracker.Track(session);
        StaticHolder.Keep(session);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Theory_rows_are_checked_one_by_one(bool leak)
    {
        var session = new Session();
        LeakTracker.Track(session, "row");
        if (leak)
        {
            StaticHolder.Keep(session);
        }
    }
}
