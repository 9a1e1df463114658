using System;
using System.Linq;
using System.Reflection;
using System.Threading;
using FluentAssertions;
using LeakCheck.Retention;
using Xunit;

namespace LeakCheck.Tests;

/// <summary>How a leaked thread's stack, as a heap analyzer hands it over, is named (no dump needed: the frames are built here).</summary>
public class DumpedStacksTests
{
    [Fact]
    public void Frames_start_at_the_call_the_user_code_made_and_the_runtime_start_frames_are_dropped()
    {
        var lines = DumpedStacks.Describe(
        [
            Frame(typeof(Monitor).GetMethod(nameof(Monitor.Wait), [typeof(object), typeof(int)])!),
            Frame(typeof(ManualResetEventSlim).GetMethod(nameof(ManualResetEventSlim.Wait), Type.EmptyTypes)!),
            Frame(typeof(DumpedStacksTests).GetMethod(nameof(Worker), BindingFlags.NonPublic | BindingFlags.Static)!),
            Frame(typeof(Thread).GetMethod(nameof(Thread.Join), Type.EmptyTypes)!), // stands for the runtime's start frames (any method of Thread)
        ]);

        lines.Should().Equal(
            "its thread is still running; its stack, read from a heap dump (innermost first; the last frame is the method it started with):",
            "  System.Threading.ManualResetEventSlim.Wait()",
            "  LeakCheck.Tests.DumpedStacksTests.Worker()");
    }

    [Fact]
    public void A_deep_stack_keeps_its_innermost_frames_and_its_start_method()
    {
        var worker = Frame(typeof(DumpedStacksTests).GetMethod(nameof(Worker), BindingFlags.NonPublic | BindingFlags.Static)!);
        var lines = DumpedStacks.Describe([.. Enumerable.Repeat(worker, 12)]);

        lines.Should().Equal(
            "its thread is still running; its stack, read from a heap dump (innermost first; the last frame is the method it started with):",
            "  LeakCheck.Tests.DumpedStacksTests.Worker()",
            "  LeakCheck.Tests.DumpedStacksTests.Worker()",
            "  LeakCheck.Tests.DumpedStacksTests.Worker()",
            "  LeakCheck.Tests.DumpedStacksTests.Worker()",
            "  LeakCheck.Tests.DumpedStacksTests.Worker()",
            "  LeakCheck.Tests.DumpedStacksTests.Worker()",
            "  ... 4 more frames",
            "  LeakCheck.Tests.DumpedStacksTests.Worker()",
            "  LeakCheck.Tests.DumpedStacksTests.Worker()");
    }

    [Fact]
    public void Frames_of_modules_this_process_has_not_loaded_are_skipped()
    {
        var lines = DumpedStacks.Describe([new DumpedFrame("/nowhere/Unloaded.dll", 0x06000001, 0)]);

        lines.Should().Equal("its thread is still running; its stack in the heap dump has no frame LeakCheck can name");
    }

    private static DumpedFrame Frame(MethodBase method) => new(method.Module.FullyQualifiedName, method.MetadataToken, -1);

    private static void Worker()
    {
    }
}
