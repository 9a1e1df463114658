using NUnit.Framework.Internal;
using NUnit.Framework.Internal.Commands;

namespace LeakCheck.NUnit;

/// <summary>
/// The method-level form: wraps <c>[SetUp]</c>, the test and <c>[TearDown]</c> (NUnit applies
/// <see cref="global::NUnit.Framework.Interfaces.IWrapSetUpTearDown"/> only to methods). When a fixture or assembly
/// attribute already checks the test, it stays out of the way.
/// </summary>
internal sealed class NoLeaksCommand : DelegatingTestCommand
{
    public NoLeaksCommand(TestCommand innerCommand)
        : base(innerCommand)
    {
    }

    public override TestResult Execute(TestExecutionContext context)
    {
        NUnitCheck.Begin(context.CurrentTest, owner: this);
        try
        {
            context.CurrentResult = innerCommand.Execute(context);
        }
        finally
        {
            NUnitCheck.End(owner: this);
        }

        return context.CurrentResult;
    }
}
