using System;
using System.Linq;
using System.Runtime.CompilerServices;
using System.Threading;
using FluentAssertions;
using Xunit;

namespace LeakCheck.Tests;

/// <summary>On a deep stack the report keeps the innermost frames and the test's own frame, and says how many it left out between.</summary>
public sealed class DeepStackTests : IDisposable
{
    private Timer? _timer;

    [Fact]
    public void A_creation_stack_deeper_than_the_limit_keeps_the_innermost_frames_and_the_test_frame()
    {
        var scope = LeakScope.Begin("deep", new LeakCheckOptions { SettleTimeout = TimeSpan.FromMilliseconds(50), RetentionPaths = false, MaxFramesPerItem = 4 });
        Level1();

        var report = scope.End();

        var lines = report.Message.Split('\n');
        var from = Array.IndexOf(lines, "    created at:");
        lines.Skip(from).Take(6).Should().Equal(
            "    created at:",
            "      LeakCheck.Tests.DeepStackTests.Level6() in DeepStackTests.cs:line 53",
            "      LeakCheck.Tests.DeepStackTests.Level5() in DeepStackTests.cs:line 50",
            "      LeakCheck.Tests.DeepStackTests.Level4() in DeepStackTests.cs:line 47",
            "      ... 3 more frames",
            "      LeakCheck.Tests.DeepStackTests.A_creation_stack_deeper_than_the_limit_keeps_the_innermost_frames_and_the_test_frame() in DeepStackTests.cs:line 19");
        report.Items[0].OmittedAt.Should().Be(3);
    }

    public void Dispose() => _timer?.Dispose();

    [MethodImpl(MethodImplOptions.NoInlining)]
    private void Level1() => Level2();

    [MethodImpl(MethodImplOptions.NoInlining)]
    private void Level2() => Level3();

    [MethodImpl(MethodImplOptions.NoInlining)]
    private void Level3() => Level4();

    [MethodImpl(MethodImplOptions.NoInlining)]
    private void Level4() => Level5();

    [MethodImpl(MethodImplOptions.NoInlining)]
    private void Level5() => Level6();

    [MethodImpl(MethodImplOptions.NoInlining)]
    private void Level6() => _timer = new Timer(static _ => { }, null, TimeSpan.FromMinutes(5), Timeout.InfiniteTimeSpan);
}
