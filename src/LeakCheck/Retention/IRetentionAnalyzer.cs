namespace LeakCheck.Retention;

/// <summary>
/// Explains why leaked objects are still alive (a path of references from a GC root). The engine knows heap
/// analysis only through this interface; the optional LeakCheck.HeapAnalysis package implements it with ClrMD and
/// is found by its type name, <see cref="RetentionStep.AnalyzerTypeName"/>.
/// </summary>
public interface IRetentionAnalyzer
{
    /// <summary>Finds a retention path for each subject that is still alive.</summary>
    /// <param name="request">The subjects (weakly referenced: the analyzer must not root them itself) and the limits.</param>
    /// <returns>One path per subject, or why no analysis could run.</returns>
    RetentionResult Analyze(RetentionRequest request);
}
