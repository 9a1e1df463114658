using Xunit;

namespace LeakCheck.XunitV3.Scenarios;

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

    [Fact(Skip = "skipped on purpose")]
    public void Skipped_test_is_not_checked()
    {
        StaticHolder.Keep(new Session());
    }

    [Fact]
    public void Clean_test_after_the_skipped_one_is_clean()
    {
    }
}

/// <summary>A class without [NoLeaks]: the fixture leaves its tests alone.</summary>
public class UncheckedScenarios
{
    [Fact]
    public void Leak_in_a_class_without_the_attribute_is_not_checked()
    {
        var session = new Session();
        LeakTracker.Track(session);
        StaticHolder.Keep(session);
    }
}

[NoLeaks(SettleTimeoutMilliseconds = 0, IgnoreFingerprints = new[] { "xyz" })]
public class InvalidConfigurationScenarios
{
    [Fact]
    public void Invalid_attribute_values_fail_the_test()
    {
    }
}
