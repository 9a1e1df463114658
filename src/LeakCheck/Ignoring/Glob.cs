using System;

namespace LeakCheck.Ignoring;

/// <summary>A pattern where <c>*</c> stands for any run of characters; everything else is compared exactly.</summary>
internal sealed class Glob
{
    private readonly string[] _parts;
    private readonly bool _anchoredStart;
    private readonly bool _anchoredEnd;

    public Glob(string pattern)
    {
        _parts = pattern.Split('*', StringSplitOptions.RemoveEmptyEntries);
        _anchoredStart = !pattern.StartsWith('*');
        _anchoredEnd = !pattern.EndsWith('*');
    }

    public bool IsMatch(string text)
    {
        if (_parts.Length == 0)
        {
            return true;
        }

        var position = 0;
        for (var i = 0; i < _parts.Length; i++)
        {
            var part = _parts[i];
            var last = i == _parts.Length - 1;
            if (i == 0 && _anchoredStart)
            {
                if (!text.StartsWith(part, StringComparison.Ordinal))
                {
                    return false;
                }

                position = part.Length;
                if (last && _anchoredEnd)
                {
                    return text.Length == part.Length;
                }

                continue;
            }

            if (last && _anchoredEnd)
            {
                // The last part must sit at the very end, after what the earlier parts used.
                return text.Length - part.Length >= position && text.EndsWith(part, StringComparison.Ordinal);
            }

            var found = text.IndexOf(part, position, StringComparison.Ordinal);
            if (found < 0)
            {
                return false;
            }

            position = found + part.Length;
        }

        return true;
    }
}
