using System.Collections.Generic;

namespace LeakCheck.MSTest.Tests.Infrastructure;

/// <summary>
/// One test of the scenario assembly as MSTest reported it in the TRX results: its class, its name (MSTest's display
/// name, <c>Method (True)</c> for a data row), outcome (<c>Passed</c>, <c>Failed</c>...), failure message and the test's
/// TestContext output.
/// </summary>
public sealed record ScenarioResult(string ClassName, string Name, string Outcome, string Message, string Output);

/// <summary>A whole scenario run: every test's result, the runner's console output and the JSON reports LeakCheck wrote.</summary>
public sealed record ScenarioRun(IReadOnlyList<ScenarioResult> Results, string ConsoleOutput, IReadOnlyList<JsonReport> JsonReports);

/// <summary>A JSON report file LeakCheck wrote: its name (<c>.json</c>, or <c>.json.writing</c> while not completed) and content.</summary>
public sealed record JsonReport(string FileName, string Content);
