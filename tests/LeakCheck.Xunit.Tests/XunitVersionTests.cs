using FluentAssertions;
using LeakCheck.Xunit.Runners;
using Xunit;

namespace LeakCheck.Xunit.Tests;

/// <summary>
/// The package is built against xunit 2.4.2 and reads what later versions added by name: on the xunit these tests run
/// with (2.9.3), the conservative parallel algorithm's option is found, so the runner keeps limiting parallel
/// collections as xUnit's own does (the parallel acceptance tests depend on it).
/// </summary>
public class XunitVersionTests
{
    [Fact]
    public void The_parallel_algorithm_option_of_this_xunit_is_read()
        => LeakCheckAssemblyRunner.ReadsParallelAlgorithm.Should().BeTrue();
}
