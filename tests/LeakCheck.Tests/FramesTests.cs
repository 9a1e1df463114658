using System;
using System.Diagnostics;
using System.Linq;
using System.Runtime.CompilerServices;
using System.Threading.Tasks;
using FluentAssertions;
using LeakCheck.Reporting;
using Xunit;
using LeakCheck.Probes;
using LeakCheck.Stacks;

namespace LeakCheck.Tests;

public class FramesTests
{
    [Fact]
    public async Task Async_method_frames_are_shown_as_the_method_the_user_wrote()
    {
        var trace = await CaptureInAsync();

        UserFrames.From(trace)[0].Method.Should().Be("LeakCheck.Tests.FramesTests.CaptureInAsync()");
    }

    [Fact]
    public void Lambda_and_local_function_frames_name_their_enclosing_method()
    {
        Func<StackTrace> lambda = () => new StackTrace(0, false);
        UserFrames.From(lambda())[0].Method.Should().Be("LeakCheck.Tests.FramesTests.Lambda_and_local_function_frames_name_their_enclosing_method() (lambda)");

        [MethodImpl(MethodImplOptions.NoInlining)]
        static StackTrace Local(int x) => new(0, false);
        UserFrames.From(Local(1))[0].Method.Should().Be("LeakCheck.Tests.FramesTests.Lambda_and_local_function_frames_name_their_enclosing_method.Local(Int32)");
    }

    [Fact]
    public void Constructor_and_generic_type_frames_are_readable()
    {
        var trace = new Generic<string>().Trace;

        UserFrames.From(trace)[0].Method.Should().Be("LeakCheck.Tests.Generic<T>..ctor()");
    }

    [Fact]
    public void Runtime_and_test_framework_frames_are_hidden()
    {
        var frames = UserFrames.From(new StackTrace(0, false));

        frames.Select(f => f.Method).Should().Equal("LeakCheck.Tests.FramesTests.Runtime_and_test_framework_frames_are_hidden()");
    }

    [Fact]
    public void File_and_line_are_resolved_from_the_pdb_for_a_stack_captured_without_them()
    {
        var withoutFiles = new StackTrace(0, false); var withFiles = new StackTrace(0, true);

        var frame = UserFrames.From(withoutFiles)[0];

        frame.File.Should().Be("FramesTests.cs");
        frame.Line.Should().Be(withFiles.GetFrame(0)!.GetFileLineNumber());
    }

    [Fact]
    public void Type_names_are_readable()
    {
        TypeNames.Of(typeof(System.Collections.Generic.Dictionary<string, int[]>)).Should().Be("System.Collections.Generic.Dictionary<String, Int32[]>");
        TypeNames.Of(typeof(Generic<int>.Nested)).Should().Be("LeakCheck.Tests.Generic<Int32>.Nested");
    }

    [Fact]
    public void Fingerprint_is_a_pinned_hash_of_kind_type_name_and_identity()
    {
        var fingerprint = Fingerprint.Compute(LeakKind.Timer, "System.Threading.Timer", "n", "A.B(Object)");

        fingerprint.Should().Be("83ff7c01");
        Fingerprint.Compute(LeakKind.Timer, "System.Threading.Timer", "n", "A.C(Object)").Should().NotBe(fingerprint);
        Fingerprint.IsWellFormed(fingerprint).Should().BeTrue();
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static async Task<StackTrace> CaptureInAsync()
    {
        await Task.Yield();
        return new StackTrace(0, false);
    }
}

public sealed class Generic<T>
{
    public Generic() => Trace = new StackTrace(0, false);

    public StackTrace Trace { get; }

    public sealed class Nested
    {
    }
}
