using System;
using System.Collections.Generic;
using System.Runtime.CompilerServices;
using System.Threading.Tasks;
using FluentAssertions;
using Xunit;

namespace LeakCheck.Tests;

/// <summary>An async method stuck at an await LeakCheck cannot look into still says what it waits on.</summary>
public sealed class AwaitDescriptionTests : IDisposable
{
    private static readonly List<Action> s_continuations = [];

    [Fact]
    public async Task A_method_stuck_at_a_custom_awaiter_names_the_awaiter_type()
    {
        var scope = LeakScope.Begin("custom awaiter", new LeakCheckOptions { SettleTimeout = TimeSpan.FromMilliseconds(50), RetentionPaths = false });
        _ = WaitOnNeverAsync();

        var report = await scope.EndAsync();

        report.Items.Should().ContainSingle().Which.Details.Should().Equal(
            "waiting at await #1: a custom awaiter (LeakCheck.Tests.AwaitDescriptionTests.NeverAwaiter)");
    }

    public void Dispose()
    {
        lock (s_continuations)
        {
            s_continuations.Clear();
        }
    }

    private static async Task WaitOnNeverAsync() => await new Never();

    private sealed class Never
    {
        public NeverAwaiter GetAwaiter() => new();
    }

    /// <summary>Never completes; keeps its continuation so that the method stays pending rather than garbage.</summary>
    private sealed class NeverAwaiter : INotifyCompletion
    {
        public bool IsCompleted => false;

        public void OnCompleted(Action continuation)
        {
            lock (s_continuations)
            {
                s_continuations.Add(continuation);
            }
        }

        public void GetResult()
        {
        }
    }
}
