using System.Globalization;
using System.Text;

namespace LeakCheck.Reporting;

/// <summary>
/// A stable identity for a leaked item across runs and machines: a 32-bit FNV-1a hash of its kind, type,
/// name and the methods of its creation frames. Line numbers are left out so that an edit elsewhere in the
/// file does not change the fingerprint of a known leak.
/// </summary>
internal static class Fingerprint
{
    public static string Compute(LeakKind kind, string typeName, string? name, System.Collections.Generic.IReadOnlyList<SourceFrame> frames)
    {
        var text = new StringBuilder();
        text.Append(kind.ToString()).Append('|').Append(typeName).Append('|').Append(name);
        foreach (var frame in frames)
        {
            text.Append('|').Append(frame.Method);
        }

        const uint offsetBasis = 2166136261;
        const uint prime = 16777619;
        var hash = offsetBasis;
        foreach (var c in text.ToString())
        {
            hash = (hash ^ c) * prime;
        }

        return hash.ToString("x8", CultureInfo.InvariantCulture);
    }

    public static bool IsWellFormed(string? fingerprint)
    {
        if (fingerprint is null || fingerprint.Length != 8)
        {
            return false;
        }

        foreach (var c in fingerprint)
        {
            if (!char.IsAsciiHexDigit(c))
            {
                return false;
            }
        }

        return true;
    }
}
