using System;

namespace LeakCheck.Scopes;

/// <summary>Hears when a thread's execution context switches into a scope (a thread start among others): the thread probe.</summary>
internal interface IContextEntryObserver
{
    /// <summary>Called on a non-pool thread whose execution context just switched into <paramref name="scope"/>; must be cheap.</summary>
    void OnContextEntered(ScopeState scope);

    /// <summary>Called once when <see cref="OnContextEntered"/> threw: the observer is switched off and should say so.</summary>
    void Fail(Exception error);
}
