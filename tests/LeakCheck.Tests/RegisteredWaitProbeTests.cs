using System;
using System.Linq;
using System.Text.RegularExpressions;
using System.Threading;
using System.Threading.Tasks;
using FluentAssertions;
using Xunit;

namespace LeakCheck.Tests;

/// <summary>
/// <c>ThreadPool.RegisterWaitForSingleObject</c>: a wait the test registered and never unregistered is reported with its
/// callback and where that is declared; unregistered, signalled, unsafe (no context) and earlier registrations are not.
/// </summary>
public class RegisteredWaitProbeTests
{
    private static LeakCheckOptions Options(int settleMilliseconds = 100)
        => new() { SettleTimeout = TimeSpan.FromMilliseconds(settleMilliseconds), RetentionPaths = false };

    [Fact]
    public void Wait_on_an_event_nobody_sets_is_reported_with_its_callback()
    {
        using var never = new ManualResetEvent(false);
        var scope = LeakScope.Begin("registered wait", Options());
        var registration = ThreadPool.RegisterWaitForSingleObject(never, OnSignalled, null, Timeout.Infinite, executeOnlyOnce: true);

        var report = scope.End();
        registration.Unregister(null);

        Normalize(report.Message).Should().Be(
            """
            LeakCheck: 1 item created by registered wait is still alive after the test (settled in N ms; forced GCs: 0 gen1, 0 full).

            [1] Registered wait System.Threading.RegisteredWaitHandle
                waiting for a handle to be signalled, no time-out; runs its callback once
                callback: LeakCheck.Tests.RegisteredWaitProbeTests.OnSignalled(Object, Boolean) in RegisteredWaitProbeTests.cs:line N
                created at: not recorded for registered waits (the runtime raises no event for RegisterWaitForSingleObject); the callback above names it
                fingerprint: e955802e

            To accept a known leak, list its fingerprint in LeakCheckOptions.IgnoreFingerprints, for example IgnoreFingerprints = new[] { "e955802e" }; see README "Ignoring known leaks".
            """);
    }

    [Fact]
    public void Repeating_wait_with_a_time_out_and_a_lambda_callback_names_the_lambda_in_the_registering_method()
    {
        using var never = new AutoResetEvent(false);
        var scope = LeakScope.Begin("repeating wait", Options());
        var calls = 0;
        var registration = ThreadPool.RegisterWaitForSingleObject(never, (_, _) => Interlocked.Increment(ref calls), null, TimeSpan.FromMinutes(5), executeOnlyOnce: false);

        var report = scope.End();
        registration.Unregister(null);

        var item = report.Items.Should().ContainSingle().Subject;
        item.Kind.Should().Be(LeakKind.RegisteredWait);
        Normalize(string.Join("\n", item.Details)).Should().Be(
            "waiting for a handle to be signalled, time-out 00:05:00 (restarted after each call); runs its callback each time it is signalled\n"
            + "callback: LeakCheck.Tests.RegisteredWaitProbeTests.Repeating_wait_with_a_time_out_and_a_lambda_callback_names_the_lambda_in_the_registering_method(Object, Boolean) (lambda) in RegisteredWaitProbeTests.cs:line N");
    }

    [Fact]
    public void Unregistered_wait_is_not_reported()
    {
        using var never = new ManualResetEvent(false);
        var scope = LeakScope.Begin("unregistered wait", Options());
        var registration = ThreadPool.RegisterWaitForSingleObject(never, OnSignalled, null, Timeout.Infinite, executeOnlyOnce: true);
        registration.Unregister(null);

        var report = scope.End();

        report.HasLeaks.Should().BeFalse(report.Message);
    }

    [Fact]
    public void One_shot_wait_whose_event_was_set_is_not_reported()
    {
        using var signalled = new ManualResetEvent(false);
        using var called = new ManualResetEventSlim();
        var scope = LeakScope.Begin("signalled wait", Options(settleMilliseconds: 60_000));
        ThreadPool.RegisterWaitForSingleObject(signalled, (_, _) => called.Set(), null, Timeout.Infinite, executeOnlyOnce: true);
        signalled.Set();
        called.Wait();

        var report = scope.End();

        report.HasLeaks.Should().BeFalse(report.Message);
    }

    [Fact]
    public void One_shot_wait_that_times_out_while_settling_is_not_reported()
    {
        using var never = new ManualResetEvent(false);
        var scope = LeakScope.Begin("timing out wait", Options(settleMilliseconds: 60_000));
        ThreadPool.RegisterWaitForSingleObject(never, OnSignalled, null, 50, executeOnlyOnce: true);

        var report = scope.End();

        report.HasLeaks.Should().BeFalse(report.Message);
    }

    [Fact]
    public void Unsafe_registration_carries_no_owner_and_a_wait_registered_before_the_test_is_not_its()
    {
        using var never = new ManualResetEvent(false);
        var before = ThreadPool.RegisterWaitForSingleObject(never, OnSignalled, null, Timeout.Infinite, executeOnlyOnce: true);
        var scope = LeakScope.Begin("unowned waits", Options());
        var unsafeRegistration = ThreadPool.UnsafeRegisterWaitForSingleObject(never, OnSignalled, null, Timeout.Infinite, executeOnlyOnce: true);

        var report = scope.End();
        before.Unregister(null);
        unsafeRegistration.Unregister(null);

        report.HasLeaks.Should().BeFalse(report.Message);
    }

    [Fact]
    public async Task Parallel_scopes_each_own_only_their_own_wait()
    {
        using var never = new ManualResetEvent(false);
        async Task<LeakReport> Run(string name, bool leak)
        {
            await Task.Yield();
            var scope = LeakScope.Begin(name, Options());
            var registration = ThreadPool.RegisterWaitForSingleObject(never, OnSignalled, null, Timeout.Infinite, executeOnlyOnce: true);
            if (!leak)
            {
                registration.Unregister(null);
            }

            var report = await scope.EndAsync();
            registration.Unregister(null);
            return report;
        }

        var reports = await Task.WhenAll(Run("leaky", leak: true), Run("clean", leak: false), Run("leaky too", leak: true));

        reports.Select(r => r.Items.Count).Should().Equal(1, 0, 1);
    }

    private static void OnSignalled(object? state, bool timedOut)
    {
    }

    private static string Normalize(string text)
        => Regex.Replace(Regex.Replace(text, @"settled in \d+ ms", "settled in N ms"), @":line \d+", ":line N");
}
