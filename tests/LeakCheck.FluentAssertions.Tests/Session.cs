namespace LeakCheck.FluentAssertions.Tests;

/// <summary>An object whose <c>ToString()</c> is a secret that no failure message may show.</summary>
public sealed class Session
{
    public override string ToString() => "password=hunter2";
}
