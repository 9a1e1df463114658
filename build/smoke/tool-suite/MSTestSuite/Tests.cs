using Microsoft.VisualStudio.TestTools.UnitTesting;

[assembly: Parallelize(Scope = ExecutionScope.MethodLevel)]

namespace MSTestSuite;

[TestClass]
public class Tests
{
    [TestMethod]
    public void Leaky() => Helpers.Poller.Start();

    [TestMethod]
    public void Clean() => Helpers.Poller.StartAndStop();
}
