using System;

namespace LeakCheck.Adapters;

/// <summary>What a check adds to a test: the verdict, a failure to add to the test's own, and text for the test output.</summary>
/// <param name="Verdict">What the leaks do to the test.</param>
/// <param name="Failure">The failure to add to the test's own (never to replace it), or null.</param>
/// <param name="Output">Text for the test's output (warn mode, notices), or empty.</param>
public sealed record CheckOutcome(LeakVerdict Verdict, Exception? Failure, string Output);
