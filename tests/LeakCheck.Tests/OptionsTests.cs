using System;
using FluentAssertions;
using LeakCheck.Engine;
using Xunit;

namespace LeakCheck.Tests;

public class OptionsTests
{
    [Fact]
    public void Defaults_are_valid_and_documented_values()
    {
        var options = new LeakCheckOptions();

        options.SettleTimeout.Should().Be(TimeSpan.FromSeconds(1));
        options.MaxReportedItems.Should().Be(10);
        options.MaxFramesPerItem.Should().Be(8);
        options.Mode.Should().Be(LeakCheckMode.Fail);
        options.IgnoreFingerprints.Should().BeEmpty();
        options.Invoking(o => o.Validate("defaults")).Should().NotThrow();
    }

    [Fact]
    public void Every_problem_is_listed_in_one_exception()
    {
        var options = new LeakCheckOptions
        {
            SettleTimeout = TimeSpan.Zero,
            MaxReportedItems = -1,
            MaxFramesPerItem = 0,
            Mode = (LeakCheckMode)7,
            IgnoreFingerprints = ["12345678", "xyz", ""],
        };

        var act = () => options.Validate("test options");

        act.Should().Throw<LeakCheckConfigurationException>().Which.Message.Should().Be(
            """
            LeakCheck configuration is invalid (test options):
            - SettleTimeout must be greater than zero and at most 00:05:00 (was 00:00:00).
            - MaxReportedItems must be greater than zero (was -1).
            - MaxFramesPerItem must be greater than zero (was 0).
            - Mode must be Fail, Warn or Off (was 7).
            - IgnoreFingerprints entry "xyz" is not a fingerprint (eight hexadecimal digits, as printed in a report).
            - IgnoreFingerprints entry "" is not a fingerprint (eight hexadecimal digits, as printed in a report).
            """);
    }

    [Fact]
    public void Invalid_options_are_rejected_where_the_scope_begins()
    {
        var act = () => LeakScope.Begin("bad", new LeakCheckOptions { SettleTimeout = TimeSpan.FromHours(1) });

        act.Should().Throw<LeakCheckConfigurationException>()
            .WithMessage("LeakCheck configuration is invalid (LeakCheckOptions of scope \"bad\"):\n- SettleTimeout must be greater than zero and at most 00:05:00 (was 01:00:00).");
    }

    [Theory]
    [InlineData("fail", LeakCheckMode.Fail)]
    [InlineData(" Warn ", LeakCheckMode.Warn)]
    [InlineData("OFF", LeakCheckMode.Off)]
    [InlineData("", null)]
    [InlineData(null, null)]
    public void LEAKCHECK_MODE_values_are_parsed(string? value, LeakCheckMode? expected)
        => LeakCheck.Configuration.LeakCheckSettings.ParseMode(value).Should().Be(expected);

    [Fact]
    public void Unknown_LEAKCHECK_MODE_is_an_error_not_a_default()
    {
        var act = () => LeakCheck.Configuration.LeakCheckSettings.ParseMode("strict");

        act.Should().Throw<LeakCheckConfigurationException>().WithMessage(
            "LeakCheck configuration is invalid (LeakCheck environment variables):\n- LEAKCHECK_MODE must be fail, warn or off (was \"strict\").");
    }
}
