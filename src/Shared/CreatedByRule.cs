using System;

namespace LeakCheck.Run;

/// <summary>
/// The <c>createdBy</c> pattern that matches a creation frame as reports print it: <c>Vendor.Sdk.Poller.Start(Int32)</c>
/// becomes <c>Vendor.Sdk.Poller.Start</c> (compared with every frame's <c>Namespace.Type.Method</c>). Compiled into the
/// engine (the run summary) and into LeakCheck.Tool (its summary), which does not reference the engine.
/// </summary>
internal static class CreatedByRule
{
    /// <summary>Returns the pattern, or null for a frame with no plain type-and-method name (a lambda, a generic display).</summary>
    public static string? For(string frame)
    {
        var open = frame.IndexOf('(', StringComparison.Ordinal);
        var name = open < 0 ? frame : frame[..open];
        return name.Length == 0 || frame.EndsWith("(lambda)", StringComparison.Ordinal) || name.IndexOfAny(['<', '>', ' ', ',']) >= 0 ? null : name;
    }
}
