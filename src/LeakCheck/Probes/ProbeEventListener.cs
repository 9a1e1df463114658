using System.Collections.Concurrent;
using System.Diagnostics.Tracing;
using LeakCheck.Runtime;

namespace LeakCheck.Probes;

/// <summary>
/// An in-process listener to one runtime event source, for a probe that learns about creations from events
/// raised on the creating thread (where the ambient scope is the owner).
/// </summary>
/// <remarks>
/// The base constructor calls <see cref="OnEventSourceCreated"/> before a derived constructor runs, so the
/// source name and keywords are virtual constants, and <see cref="EnableExistingSources"/> enables sources
/// that already existed (enabling twice is harmless).
/// </remarks>
internal abstract class ProbeEventListener : EventListener
{
    /// <summary>Gets a value indicating whether the event source was found and enabled.</summary>
    public bool Enabled { get; private set; }

    /// <summary>Gets the name of the event source to listen to.</summary>
    protected abstract string SourceName { get; }

    /// <summary>Gets the keywords to enable (at Informational level).</summary>
    protected abstract EventKeywords Keywords { get; }

    private readonly ConcurrentDictionary<int, bool> _checkedIds = new();

    /// <summary>
    /// Returns true when the event's id carries the name LeakCheck expects (<see cref="RuntimeEvents.ExpectedName"/>),
    /// checked the first time each id arrives; false (every time) when the runtime renumbered it.
    /// </summary>
    protected bool HasExpectedName(EventWrittenEventArgs eventData)
        => _checkedIds.TryGetValue(eventData.EventId, out var matches)
            ? matches
            : _checkedIds.GetOrAdd(eventData.EventId, eventData.EventName == RuntimeEvents.ExpectedName(eventData.EventId));

    protected void EnableExistingSources()
    {
        foreach (var source in EventSource.GetSources())
        {
            TryEnable(source);
        }
    }

    protected override void OnEventSourceCreated(EventSource eventSource) => TryEnable(eventSource);

    private void TryEnable(EventSource source)
    {
        if (source.Name == SourceName)
        {
            EnableEvents(source, EventLevel.Informational, Keywords);
            Enabled = true;
        }
    }
}
