using Xunit;

namespace LeakCheck.XunitV3.Scenarios;

/// <summary>An explicit test runs only when asked for (<c>-explicit on|only</c>); only then is it checked.</summary>
[NoLeaks]
public sealed class ExplicitScenarios
{
    [Fact(Explicit = true)]
    public void Explicit_test_keeping_a_connection()
    {
        var connection = new Connection();
        LeakTracker.Track(connection, "connection");
        StaticHolder.Keep(connection);
    }
}
