using System;
using System.Collections.Generic;
using System.Threading;
using Xunit;

namespace XunitV3Mtp;

public class Tests
{
    private static readonly List<Timer> s_started = new();

    [Fact]
    public void Leaky() => s_started.Add(new Timer(static _ => { }, null, TimeSpan.FromMinutes(5), TimeSpan.FromMinutes(5)));

    [Fact]
    public void Clean() => new Timer(static _ => { }, null, TimeSpan.FromMinutes(5), TimeSpan.FromMinutes(5)).Dispose();
}
