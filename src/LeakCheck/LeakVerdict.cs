namespace LeakCheck;

/// <summary>What a scope's report does to the test: decided once, when the report is built, from the leaks and the mode.</summary>
public enum LeakVerdict
{
    /// <summary>Nothing leaked (or every leak was ignored or baselined).</summary>
    Pass = 0,

    /// <summary>Something leaked and the mode is <see cref="LeakCheckMode.Warn"/> (or the baseline is being recorded): the test keeps its outcome.</summary>
    Warn = 1,

    /// <summary>Something leaked and the mode is <see cref="LeakCheckMode.Fail"/>: the test fails.</summary>
    Fail = 2,
}
