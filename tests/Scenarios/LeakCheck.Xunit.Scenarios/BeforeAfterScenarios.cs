using System;
using System.Reflection;
using Xunit;
using Xunit.Sdk;

namespace LeakCheck.Xunit.Scenarios;

/// <summary>A test with [NoLeaks] and a before/after attribute of its own.</summary>
[NoLeaks]
public class BeforeAfterScenarios
{
    [Fact]
    [Recording]
    public void Test_with_its_own_before_after_attribute()
    {
    }
}

/// <summary>A before/after attribute that does nothing: xUnit still reports that it ran.</summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class RecordingAttribute : BeforeAfterTestAttribute
{
    public override void Before(MethodInfo methodUnderTest)
    {
    }

    public override void After(MethodInfo methodUnderTest)
    {
    }
}
