using Xunit.Abstractions;
using Xunit.Sdk;

[assembly: Xunit.TestFramework("Smoke.OwnFramework", "Smoke")]

namespace Smoke;

/// <summary>The suite's own test framework (one is allowed per assembly).</summary>
public sealed class OwnFramework(IMessageSink messageSink) : XunitTestFramework(messageSink);
