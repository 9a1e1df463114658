using System;
using FluentAssertions;
using Xunit;

namespace LeakCheck.Tests;

public class ReportFormatterTests
{
    private static LeakedItem Item(LeakKind kind, string type, string? name, string fingerprint, params SourceFrame[] frames)
        => new(kind, type, name, "Tests.Owner", [], frames, 0, fingerprint);

    [Fact]
    public void Report_with_one_item_reads_as_designed()
    {
        var report = new LeakReport("MyTests.Submit", [
            Item(LeakKind.TrackedObject, "MyApp.Mailer", "mailer", "3f9c2a1e",
                new SourceFrame("MyApp.Mailer.Start()", "Mailer.cs", 42),
                new SourceFrame("MyTests.Submit()", "MyTests.cs", 30)),
        ], 0, TimeSpan.FromMilliseconds(420.7), 1, 1, [], 10);

        report.Message.Should().Be(
            """
            LeakCheck: 1 item created by MyTests.Submit is still alive after the test (settled in 420 ms; forced GCs: 1 gen1, 1 full).

            [1] Tracked object "mailer" (MyApp.Mailer)
                created at:
                  MyApp.Mailer.Start() in Mailer.cs:line 42
                  MyTests.Submit() in MyTests.cs:line 30
                fingerprint: 3f9c2a1e

            To accept a known leak, list its fingerprint in LeakCheckOptions.IgnoreFingerprints, for example IgnoreFingerprints = new[] { "3f9c2a1e" }; see README "Ignoring known leaks".
            """);
    }

    [Fact]
    public void Report_shows_details_missing_symbols_cut_frames_retention_ignored_and_notices()
    {
        var withEverything = new LeakedItem(LeakKind.AsyncMethod, "MyApp.Pump.RunAsync", null, "T", ["waiting at await #1 (Task.Delay)"],
            [new SourceFrame("MyApp.Pump.Start()", null, null)], 3, "0000abcd")
        {
            AliveBecause = ["static MyApp.Pump.s_instance", "MyApp.Pump._loop"],
        };
        var withoutFrames = Item(LeakKind.Timer, "System.Threading.Timer", null, "ffff0000");
        var report = new LeakReport("T", [withEverything, withoutFrames], 2, TimeSpan.FromSeconds(1), 0, 2,
            ["probe \"timers\" is unavailable"], 10);

        report.Message.Should().Be(
            """
            LeakCheck: 2 items created by T are still alive after the test (settled in 1000 ms; forced GCs: 0 gen1, 2 full). 2 known leaks ignored by rules.

            [1] Async method MyApp.Pump.RunAsync
                waiting at await #1 (Task.Delay)
                created at:
                  MyApp.Pump.Start()
                  ... 3 more frames
                alive because:
                  static MyApp.Pump.s_instance
                  MyApp.Pump._loop
                fingerprint: 0000abcd

            [2] Timer System.Threading.Timer
                created at: (no user frames on the creation stack)
                fingerprint: ffff0000

            To accept a known leak, list its fingerprint in LeakCheckOptions.IgnoreFingerprints, for example IgnoreFingerprints = new[] { "0000abcd" }; see README "Ignoring known leaks".

            Notes:
            - probe "timers" is unavailable
            """);
    }

    [Fact]
    public void Clean_report_says_nothing_is_alive()
    {
        var report = new LeakReport("T", [], 1, TimeSpan.FromMilliseconds(3), 1, 0, [], 10);

        report.Message.Should().Be("LeakCheck: nothing created by T is alive after the test (settled in 3 ms; forced GCs: 1 gen1, 0 full). 1 known leak ignored by rules.");
    }

    [Fact]
    public void Detected_exception_message_is_the_report()
    {
        var report = new LeakReport("T", [Item(LeakKind.Thread, "System.Threading.Thread", "worker", "12345678")], 0, TimeSpan.Zero, 0, 0, [], 10);

        new LeakDetectedException(report).Message.Should().Be(report.Message);
    }
}
