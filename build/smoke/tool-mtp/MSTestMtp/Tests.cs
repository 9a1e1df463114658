using System;
using System.Collections.Generic;
using System.Threading;
using Microsoft.VisualStudio.TestTools.UnitTesting;

[assembly: DoNotParallelize]

namespace MSTestMtp;

[TestClass]
public class Tests
{
    private static readonly List<Timer> s_started = new();

    [TestMethod]
    public void Leaky() => s_started.Add(new Timer(static _ => { }, null, TimeSpan.FromMinutes(5), TimeSpan.FromMinutes(5)));

    [TestMethod]
    public void Clean() => new Timer(static _ => { }, null, TimeSpan.FromMinutes(5), TimeSpan.FromMinutes(5)).Dispose();
}
