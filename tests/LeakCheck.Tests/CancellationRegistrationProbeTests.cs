using System;
using System.Linq;
using System.Text.RegularExpressions;
using System.Threading;
using System.Threading.Tasks;
using FluentAssertions;
using Xunit;

namespace LeakCheck.Tests;

/// <summary>
/// Registrations on a cancellation token that outlives the test (a static source): a <c>Register</c> never disposed
/// and a linked source never disposed are reported with the callback and the field that holds the source; disposed
/// registrations, registrations on a source the test created and dropped, unsafe registrations, registrations made
/// before the test and a parallel test's registrations are not.
/// </summary>
public class CancellationRegistrationProbeTests
{
    private static LeakCheckOptions Options() => new() { SettleTimeout = TimeSpan.FromMilliseconds(100), RetentionPaths = false };

    [Fact]
    public void Register_on_a_static_source_never_disposed_is_reported_with_its_callback_and_the_source()
    {
        var scope = LeakScope.Begin("register", Options());
        var registration = AppLifetime.Stopping.Token.Register(OnStopping);

        var report = scope.End();
        registration.Dispose();

        Normalize(report.Message).Should().Be(
            """
            LeakCheck: 1 item created by register is still alive after the test (settled in N ms; forced GCs: 0 gen1, 0 full).

            [1] Cancellation registration CancellationToken.Register
                registered on static LeakCheck.Tests.AppLifetime.Stopping, never unregistered (dispose the CancellationTokenRegistration)
                callback: LeakCheck.Tests.CancellationRegistrationProbeTests.OnStopping() in CancellationRegistrationProbeTests.cs:line N
                created at: not recorded for cancellation registrations (the runtime raises no event for Register); the callback above names it
                fingerprint: 5a575015

            To accept a known leak, list its fingerprint in LeakCheckOptions.IgnoreFingerprints, for example IgnoreFingerprints = new[] { "5a575015" }; see README "Ignoring known leaks".
            """);
    }

    [Fact]
    public void Linked_source_never_disposed_is_one_item_named_by_the_callback_registered_on_it()
    {
        var scope = LeakScope.Begin("linked", Options());
        var linked = CancellationTokenSource.CreateLinkedTokenSource(AppLifetime.Stopping.Token);
        var registration = linked.Token.Register(() => OnStopping());

        var report = scope.End();
        registration.Dispose();
        linked.Dispose();

        var item = report.Items.Should().ContainSingle().Subject;
        item.Kind.Should().Be(LeakKind.CancellationRegistration);
        item.TypeName.Should().Be("CancellationTokenSource.CreateLinkedTokenSource");
        Normalize(string.Join("\n", item.Details)).Should().Be(
            "a linked CancellationTokenSource never disposed, registered on static LeakCheck.Tests.AppLifetime.Stopping\n"
            + "callback registered on it: LeakCheck.Tests.CancellationRegistrationProbeTests.Linked_source_never_disposed_is_one_item_named_by_the_callback_registered_on_it() (lambda) in CancellationRegistrationProbeTests.cs:line N");
    }

    [Fact]
    public void Token_held_by_an_object_in_a_static_field_is_read_through_it()
    {
        var scope = LeakScope.Begin("lifetime object", Options());
        var registration = AppLifetime.Current.Stopped.Register(OnStopping);

        var report = scope.End();
        registration.Dispose();

        report.Items.Should().ContainSingle().Which.Details[0].Should().Be(
            "registered on static LeakCheck.Tests.AppLifetime.Current._stopped, never unregistered (dispose the CancellationTokenRegistration)");
    }

    [Fact]
    public void Disposed_registration_and_disposed_linked_source_are_not_reported()
    {
        var scope = LeakScope.Begin("disposed", Options());
        AppLifetime.Stopping.Token.Register(OnStopping).Dispose();
        using (var linked = CancellationTokenSource.CreateLinkedTokenSource(AppLifetime.Stopping.Token))
        {
            linked.Token.Register(OnStopping);
        }

        var report = scope.End();

        report.HasLeaks.Should().BeFalse(report.Message);
    }

    [Fact]
    public void Registration_on_a_source_the_test_created_and_dropped_is_garbage_not_a_leak()
    {
        var scope = LeakScope.Begin("own source", Options());
        var own = new CancellationTokenSource();
        own.Token.Register(OnStopping);

        var report = scope.End();
        GC.KeepAlive(own);

        report.HasLeaks.Should().BeFalse(report.Message);
    }

    [Fact]
    public void Unsafe_registration_carries_no_owner_and_a_registration_made_before_the_test_is_not_its()
    {
        var before = AppLifetime.Stopping.Token.Register(OnStopping);
        var scope = LeakScope.Begin("unowned registrations", Options());
        var unsafeRegistration = AppLifetime.Stopping.Token.UnsafeRegister(static _ => OnStopping(), null);

        var report = scope.End();
        before.Dispose();
        unsafeRegistration.Dispose();

        report.HasLeaks.Should().BeFalse(report.Message);
    }

    [Fact]
    public async Task Parallel_scopes_each_own_only_their_own_registration()
    {
        async Task<LeakReport> Run(string name, bool leak)
        {
            await Task.Yield();
            var scope = LeakScope.Begin(name, Options());
            var registration = AppLifetime.Stopping.Token.Register(OnStopping);
            if (!leak)
            {
                registration.Dispose();
            }

            var report = await scope.EndAsync();
            registration.Dispose();
            return report;
        }

        var reports = await Task.WhenAll(Run("leaky", leak: true), Run("clean", leak: false), Run("leaky too", leak: true));

        reports.Select(r => r.Items.Count).Should().Equal(1, 0, 1);
    }

    [Fact]
    public void Two_registrations_with_different_callbacks_have_different_fingerprints()
    {
        var scope = LeakScope.Begin("two callbacks", Options());
        var first = AppLifetime.Stopping.Token.Register(OnStopping);
        var second = AppLifetime.Stopping.Token.Register(OnStoppingToo);

        var report = scope.End();
        first.Dispose();
        second.Dispose();

        report.Items.Should().HaveCount(2);
        report.Items[0].Fingerprint.Should().NotBe(report.Items[1].Fingerprint, "an ignore rule for one must not hide the other");
    }

    [Fact]
    public void Source_of_a_type_with_a_static_initializer_is_read_once_its_class_constructor_ran_where_the_runtime_tells()
    {
        var scope = LeakScope.Begin("initialized type", Options());
        var registration = InitializedLifetime.Source.Token.Register(OnStopping);

        var report = scope.End();
        registration.Dispose();

        if (Environment.Version.Major >= 9)
        {
            report.Items.Should().ContainSingle().Which.Details[0].Should().Be(
                "registered on static LeakCheck.Tests.InitializedLifetime.Source, never unregistered (dispose the CancellationTokenRegistration)");
        }
        else
        {
            report.HasLeaks.Should().BeFalse("on .NET 8 the runtime cannot tell whether a class constructor ran, so the field is never read");
            LeakCheck.Probes.ProbeRegistry.CancellationRegistrations.UnreadableFields.Select(f => f.DeclaringType!.Name + "." + f.Name)
                .Should().Contain("InitializedLifetime.Source");
        }
    }

    [Fact]
    public void Registration_held_by_a_pending_async_method_of_the_test_is_part_of_that_leak_not_a_second_one()
    {
        var never = new TaskCompletionSource();
        var scope = LeakScope.Begin("pending method", Options());
        _ = WaitForStoppingAsync(never.Task);

        var report = scope.End();
        never.SetResult();

        report.Items.Select(i => (i.Kind, i.TypeName)).Should().Equal(
            (LeakKind.AsyncMethod, "LeakCheck.Tests.CancellationRegistrationProbeTests.WaitForStoppingAsync(Task)"));
    }

    private static async Task WaitForStoppingAsync(Task never)
    {
        using var registration = AppLifetime.Stopping.Token.Register(() => OnStopping());
        await never;
    }

    [Fact]
    public void Report_names_the_callback_and_the_field_never_the_values_the_registration_holds()
    {
        var secret = "password=hunter2";
        var scope = LeakScope.Begin("values", Options());
        var registration = AppLifetime.Stopping.Token.Register(static state => GC.KeepAlive(state), secret);

        var report = scope.End();
        registration.Dispose();

        report.Items.Should().ContainSingle();
        report.Message.Should().NotContain("hunter2").And.NotContain("password");
    }

    private static void OnStopping()
    {
    }

    private static void OnStoppingToo()
    {
    }

    private static string Normalize(string text)
        => Regex.Replace(Regex.Replace(text, @"settled in \d+ ms", "settled in N ms"), @":line \d+", ":line N");
}

/// <summary>
/// A stand-in for an application lifetime: sources that live for the whole process, held by static fields. They are set
/// by a module initializer, not by a static initializer, so that the type has no class constructor and is read on every
/// runtime (.NET 8 cannot tell whether a class constructor has run).
/// </summary>
internal sealed class AppLifetime
{
    private CancellationTokenSource _stopped = null!;

    public static CancellationTokenSource Stopping { get; private set; } = null!;

    public static AppLifetime Current { get; private set; } = null!;

    public CancellationToken Stopped => _stopped.Token;

#pragma warning disable CA2255 // A test stand-in: the sources must exist before any test reads them.
    [System.Runtime.CompilerServices.ModuleInitializer]
#pragma warning restore CA2255
    internal static void Initialize()
    {
        Stopping = new CancellationTokenSource();
        Current = new AppLifetime { _stopped = new CancellationTokenSource() };
    }
}

/// <summary>A static source with a static initializer, as most code writes it.</summary>
internal static class InitializedLifetime
{
    public static readonly CancellationTokenSource Source = new();
}
