using System;
using System.Threading.Channels;

namespace LeakCheck.Xunit.Scenarios;

/// <summary>
/// Compiled into the xUnit scenarios only when build/test-runtimes.sh builds them for net8.0 (see
/// build/test-runtimes.props): .NET 8 has no prioritized channel, so the one scenario that creates it compiles
/// and then fails on .NET 8 with this message instead of breaking the whole build.
/// </summary>
internal static class ChannelPrioritizedNet8
{
    extension(Channel)
    {
        public static Channel<T> CreateUnboundedPrioritized<T>() =>
            throw new PlatformNotSupportedException("Channel.CreateUnboundedPrioritized does not exist on .NET 8 (added in .NET 9).");
    }
}
