namespace LeakCheck;

/// <summary>
/// What a scope does with the leaks it finds.
/// </summary>
public enum LeakCheckMode
{
    /// <summary>Leaks fail the test (the default).</summary>
    Fail = 0,

    /// <summary>Leaks are written to the test output; the test keeps its own outcome.</summary>
    Warn = 1,

    /// <summary>No work at all: no scope, no probes, no settling.</summary>
    Off = 2,
}
