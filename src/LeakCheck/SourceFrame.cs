using System;

namespace LeakCheck;

/// <summary>
/// One user frame of a creation stack: the method as the user wrote it, and its file and line when symbols
/// are available.
/// </summary>
public sealed class SourceFrame : IEquatable<SourceFrame>
{
    /// <summary>Initializes a new instance of the <see cref="SourceFrame"/> class.</summary>
    /// <param name="method">The readable method, for example <c>MyApp.Mailer.Start()</c>.</param>
    /// <param name="file">The source file name without directories, or null.</param>
    /// <param name="line">The line number, or null.</param>
    public SourceFrame(string method, string? file, int? line)
    {
        Method = method ?? throw new ArgumentNullException(nameof(method));
        File = file;
        Line = line;
    }

    /// <summary>Gets the readable method, for example <c>MyApp.Mailer.Start()</c>.</summary>
    public string Method { get; }

    /// <summary>Gets the source file name without directories, or null when there are no symbols.</summary>
    public string? File { get; }

    /// <summary>Gets the line number, or null when there are no symbols.</summary>
    public int? Line { get; }

    /// <summary>Returns the frame as a report prints it: <c>MyApp.Mailer.Start() in Mailer.cs:line 42</c>.</summary>
    /// <returns>The frame text.</returns>
    public override string ToString()
        => File is null ? Method : Line is null ? $"{Method} in {File}" : $"{Method} in {File}:line {Line}";

    /// <inheritdoc/>
    public bool Equals(SourceFrame? other)
        => other is not null && Method == other.Method && File == other.File && Line == other.Line;

    /// <inheritdoc/>
    public override bool Equals(object? obj) => Equals(obj as SourceFrame);

    /// <inheritdoc/>
    public override int GetHashCode() => HashCode.Combine(Method, File, Line);
}
