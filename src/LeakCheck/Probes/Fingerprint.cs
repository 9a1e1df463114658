using System.Globalization;
using System.Text;

namespace LeakCheck.Probes;

/// <summary>
/// A stable identity for a leaked item across runs, machines and runtimes: a 32-bit FNV-1a hash of its kind, its
/// type (for async work the method, as the user wrote it: the state machine's or the delegate's), its name and its
/// identity beyond that (a timer's callback). It never depends on a creation stack: stacks are sampled (the 20th
/// timer of a test has none) and differ between runtimes, and the same leak must keep the same fingerprint.
/// </summary>
internal static class Fingerprint
{
    public static string Compute(LeakKind kind, string typeName, string? name, string? identity)
    {
        var text = new StringBuilder();
        text.Append(kind.ToString()).Append('|').Append(typeName).Append('|').Append(name).Append('|').Append(identity);

        const uint offsetBasis = 2166136261;
        const uint prime = 16777619;
        var hash = offsetBasis;
        foreach (var c in text.ToString())
        {
            hash = (hash ^ c) * prime;
        }

        return hash.ToString("x8", CultureInfo.InvariantCulture);
    }

    /// <summary>The fingerprint of a pending item.</summary>
    public static string Of(Probes.PendingItem pending) => Compute(pending.Kind, pending.TypeName, pending.Name, pending.Identity);

    /// <summary>The one message for a value that is not a fingerprint: <c>"x" is not a fingerprint (...)</c>.</summary>
    public static string NotAFingerprint(string? value) => $"\"{value}\" is not a fingerprint (eight hexadecimal digits, as printed in a report).";

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
