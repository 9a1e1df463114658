using System;
using System.Threading.Channels;

namespace LeakCheck.Xunit.Scenarios;

/// <summary>
/// Compiled into the xUnit scenarios only when build/test-runtimes.sh builds them for net8.0 (see
/// build/test-runtimes.props): .NET 8 has no prioritized channel. The one scenario that creates it does so only on
/// .NET 9 and later; should anything call this on .NET 8, it fails with this message instead of breaking the build.
/// </summary>
internal static class ChannelPrioritizedNet8
{
    extension(Channel)
    {
        public static Channel<T> CreateUnboundedPrioritized<T>() =>
            throw new PlatformNotSupportedException("Channel.CreateUnboundedPrioritized does not exist on .NET 8 (added in .NET 9).");
    }
}
