using Xunit.Abstractions;
using Xunit.Sdk;

[assembly: Xunit.TestFramework("OwnFramework.Framework", "OwnFramework")]

namespace OwnFramework;

/// <summary>The suite's own test framework (one is allowed per assembly).</summary>
public sealed class Framework(IMessageSink messageSink) : XunitTestFramework(messageSink);
