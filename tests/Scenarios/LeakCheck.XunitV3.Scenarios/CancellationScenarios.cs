using System.Threading;
using System.Threading.Tasks;
using Xunit;

namespace LeakCheck.XunitV3.Scenarios;

/// <summary>
/// Work that takes the test's cancellation token (<c>TestContext.Current.CancellationToken</c>): xUnit cancels it
/// when a test times out or the run is cancelled, not when a test ends.
/// </summary>
[NoLeaks(SettleTimeoutMilliseconds = 200)]
public sealed class CancellationScenarios
{
    [Fact]
    public void Delay_on_the_tests_token_left_pending()
        => _ = Task.Delay(Timeout.Infinite, TestContext.Current.CancellationToken);

    [Fact(Timeout = 100)]
    public async Task Timed_out_while_awaiting_the_tests_token()
        => await Task.Delay(Timeout.Infinite, TestContext.Current.CancellationToken);
}
