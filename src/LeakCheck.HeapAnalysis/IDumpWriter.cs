using System;

namespace LeakCheck.HeapAnalysis;

/// <summary>Writes a heap dump of the current process (a seam so that failure modes can be tested).</summary>
internal interface IDumpWriter
{
    /// <summary>Writes the dump to <paramref name="path"/> or throws <see cref="DumpUnavailableException"/> with the reason.</summary>
    void Write(string path, TimeSpan timeLimit);
}

/// <summary>Why no dump could be written, in words for the report.</summary>
internal sealed class DumpUnavailableException : Exception
{
    public DumpUnavailableException(string reason)
        : base(reason)
    {
    }
}
