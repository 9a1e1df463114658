using System;
using FluentAssertions;
using LeakCheck.Xunit.Runners;
using Xunit;
using Xunit.Sdk;

namespace LeakCheck.Xunit.Tests;

/// <summary>
/// The package is built against xunit 2.4.2 and reads what later versions added by name. The conservative parallel
/// algorithm came with xunit 2.8: on 2.8 and later its option is found, so the runner keeps limiting parallel
/// collections as xUnit's own does (the parallel acceptance tests depend on it); before 2.8 there is none to read.
/// CI runs these tests on the highest xunit (2.9.3) and on the lowest supported (2.4.2).
/// </summary>
public class XunitVersionTests
{
    [Fact]
    public void The_parallel_algorithm_option_is_read_where_this_xunit_has_one()
    {
        var version = typeof(XunitTestAssemblyRunner).Assembly.GetName().Version!;

        LeakCheckAssemblyRunner.ReadsParallelAlgorithm.Should().Be(version >= new Version(2, 8), "xunit.execution is {0}", version);
    }
}
