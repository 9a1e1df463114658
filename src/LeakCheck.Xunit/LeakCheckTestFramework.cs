using System.Reflection;
using LeakCheck.Xunit.Runners;
using Xunit.Abstractions;
using Xunit.Sdk;

namespace LeakCheck.Xunit;

/// <summary>
/// xUnit v2 test framework that checks <see cref="NoLeaksAttribute"/> tests after the test class is disposed.
/// Tests without the attribute run exactly as under <see cref="XunitTestFramework"/>.
/// </summary>
/// <remarks>
/// The LeakCheck.Xunit package registers it with <c>[assembly: TestFramework]</c> through its build props.
/// A suite that needs its own test framework sets the MSBuild property <c>LeakCheckRegisterTestFramework</c>
/// to <c>false</c> and derives its framework from this class (override <see cref="CreateExecutor"/> only
/// through <see cref="LeakCheckTestFramework"/>), or lets <see cref="NoLeaksAttribute"/> fall back to attribute
/// mode, which does not cover the constructor and Dispose.
/// </remarks>
public class LeakCheckTestFramework : XunitTestFramework
{
    /// <summary>Initializes a new instance of the <see cref="LeakCheckTestFramework"/> class.</summary>
    /// <param name="messageSink">The sink for diagnostic messages.</param>
    public LeakCheckTestFramework(IMessageSink messageSink)
        : base(messageSink)
    {
    }

    /// <inheritdoc/>
    protected override ITestFrameworkExecutor CreateExecutor(AssemblyName assemblyName)
        => new LeakCheckExecutor(assemblyName, SourceInformationProvider, DiagnosticMessageSink);
}
