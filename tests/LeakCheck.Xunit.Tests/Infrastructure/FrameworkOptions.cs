using System.Collections.Generic;
using Xunit.Abstractions;

namespace LeakCheck.Xunit.Tests.Infrastructure;

/// <summary>Discovery and execution options for an in-process xUnit run (xunit.runner.utility is not needed).</summary>
internal sealed class FrameworkOptions : ITestFrameworkDiscoveryOptions, ITestFrameworkExecutionOptions
{
    private readonly Dictionary<string, object?> _values = new();

    public TValue GetValue<TValue>(string name)
        => _values.TryGetValue(name, out var value) && value is TValue typed ? typed : default!;

    public void SetValue<TValue>(string name, TValue value) => _values[name] = value;
}
