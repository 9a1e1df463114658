namespace LeakCheck.Retention;

/// <summary>
/// One managed frame of a thread's stack as a heap dump of this process holds it. The engine resolves it against
/// the loaded module and names it the way reports name creation frames.
/// </summary>
/// <param name="ModulePath">The file of the method's module, as loaded.</param>
/// <param name="MetadataToken">The method's metadata token in that module.</param>
/// <param name="ILOffset">The IL offset the frame is at, or a negative number when unknown.</param>
public sealed record DumpedFrame(string ModulePath, int MetadataToken, int ILOffset);
