using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text;

namespace LeakCheck.Run;

/// <summary>One known leak in a baseline file.</summary>
internal sealed record BaselineEntry(string Fingerprint, LeakKind Kind, string Description);

/// <summary>
/// The baseline file: plain text, one known leak per line, sorted by fingerprint so that a diff shows exactly the
/// leaks that came and went.
/// <code>
/// # comment lines start with '#'
/// 3f9c2a1e Timer System.Threading.Timer (in MyTests.CacheTests.Refreshes)
/// </code>
/// Each line is the fingerprint (eight hexadecimal digits), the kind, then a description for readers.
/// </summary>
internal static class BaselineFile
{
    private const string Header =
        "# LeakCheck baseline: known leaks that do not fail tests (see README \"Baseline: gradual adoption\").\n" +
        "# One leak per line: <fingerprint> <kind> <description>. Delete a line when its leak is fixed;\n" +
        "# re-record with LEAKCHECK_BASELINE=record dotnet test.\n";

    private static string KnownKinds => string.Join(", ", Enum.GetNames<LeakKind>());

    /// <summary>Reads a baseline; every malformed line is reported with its number.</summary>
    /// <exception cref="LeakCheckConfigurationException">The file has malformed lines.</exception>
    public static Dictionary<string, BaselineEntry> Parse(string text, string path)
    {
        var entries = new Dictionary<string, BaselineEntry>(StringComparer.OrdinalIgnoreCase);
        var errors = new List<string>();
        var lines = text.Split('\n');
        for (var i = 0; i < lines.Length; i++)
        {
            var line = lines[i].TrimEnd('\r').Trim();
            if (line.Length == 0 || line.StartsWith('#'))
            {
                continue;
            }

            var parts = line.Split(' ', 3, StringSplitOptions.RemoveEmptyEntries);
            var number = (i + 1).ToString(CultureInfo.InvariantCulture);
            if (!Probes.Fingerprint.IsWellFormed(parts[0]))
            {
                errors.Add($"line {number}: \"{parts[0]}\" is not a fingerprint (eight hexadecimal digits).");
                continue;
            }

            if (parts.Length < 2)
            {
                errors.Add($"line {number}: the kind is missing after the fingerprint; known kinds: {KnownKinds}.");
                continue;
            }

            if (!Enum.TryParse<LeakKind>(parts[1], ignoreCase: false, out var kind) || !Enum.IsDefined(kind) || char.IsAsciiDigit(parts[1][0]))
            {
                errors.Add($"line {number}: unknown leak kind \"{parts[1]}\"; known kinds: {KnownKinds}.");
                continue;
            }

            entries.TryAdd(parts[0], new BaselineEntry(parts[0].ToLowerInvariant(), kind, parts.Length > 2 ? parts[2] : string.Empty));
        }

        return errors.Count > 0 ? throw new LeakCheckConfigurationException("baseline file " + path, errors) : entries;
    }

    /// <summary>The file's text: the header, then one line per entry sorted by fingerprint.</summary>
    public static string Format(IEnumerable<BaselineEntry> entries)
    {
        var text = new StringBuilder(Header);
        foreach (var entry in entries.OrderBy(e => e.Fingerprint, StringComparer.Ordinal))
        {
            text.Append(entry.Fingerprint).Append(' ').Append(entry.Kind).Append(' ').Append(entry.Description).Append('\n');
        }

        return text.ToString();
    }

    /// <summary>
    /// Writes the file through a temporary file and a rename, so that a failing write leaves the previous baseline
    /// as it was.
    /// </summary>
    public static void WriteAtomically(string path, string text)
    {
        var temporary = path + ".writing";
        try
        {
            File.WriteAllText(temporary, text, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false));
            File.Move(temporary, path, overwrite: true);
        }
        catch
        {
            TryDelete(temporary);
            throw;
        }
    }

    private static void TryDelete(string path)
    {
        try
        {
            if (File.Exists(path))
            {
                File.Delete(path);
            }
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }
    }
}
