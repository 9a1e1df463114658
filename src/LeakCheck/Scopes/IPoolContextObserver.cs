using System;

namespace LeakCheck.Scopes;

/// <summary>
/// Hears when a thread-pool thread's execution context switches into or out of a scope: a work item, timer callback
/// or continuation that captured the scope's context starts or stops running there (the work-item probe).
/// </summary>
internal interface IPoolContextObserver
{
    /// <summary>Called on a pool thread whose execution context just switched into <paramref name="scope"/>'s; must be cheap.</summary>
    void OnPoolContextEntered(ScopeState scope);

    /// <summary>Called on a pool thread whose execution context just switched out of <paramref name="scope"/>'s; must be cheap.</summary>
    void OnPoolContextLeft(ScopeState scope);

    /// <summary>Called once when a notification threw: the observer is switched off and should say so.</summary>
    void Fail(Exception error);
}
