using System;
using System.Threading.Tasks;
using FluentAssertions;
using LeakCheck;
using LeakCheck.FluentAssertions;
using Xunit;

// Outside the LeakCheck namespaces on purpose: a consumer imports FluentAssertions and LeakCheck.FluentAssertions
// side by side, and WeakReference's Should() must still beat FluentAssertions' Should(this object).
namespace Consumer.Tests;

public class ConsumerUsageTests
{
    [Fact]
    public async Task README_example_compiles_and_passes_as_written()
    {
        var session = WeakReferences.Create(() => new Session());
        session.Should().BeCollected("a closed session must not stay cached");

        Action submit = () => Task.Run(() => 42).Wait();
        submit.Should().NotLeak();

        Func<Task> submitAsync = async () => await Task.Delay(1);
        await submitAsync.Should().NotLeakAsync(new LeakCheckOptions { SettleTimeout = TimeSpan.FromSeconds(2) });
    }

    private sealed class Session
    {
    }
}
