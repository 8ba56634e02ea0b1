using System.Globalization;
using System.Text;

namespace FlaxGuard.Alerts;

/// <summary>
/// Makes texts from devices safe for every channel before any channel-specific escaping: control characters,
/// line and paragraph separators and bidirectional overrides become spaces (a hostile device name must not
/// start a new log line or reorder what an owner reads), runs of spaces collapse, and the result is cut at a
/// whole character (never half a surrogate pair or combining sequence) with an ellipsis.
/// </summary>
public static class AlertText
{
    public const int MaxIdLength = 128;
    public const int MaxDeviceNameLength = 80;
    public const int MaxKeyLength = 200;
    public const int MaxSentenceLength = 600;

    public const char Ellipsis = '\u2026';

    public static string Clean(string? text, int maxLength)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxLength, 1);
        if (string.IsNullOrEmpty(text)) return string.Empty;
        if (text.Length <= maxLength && IsPlainAscii(text)) return text;
        var builder = new StringBuilder(Math.Min(text.Length, maxLength * 2));
        var pendingSpace = false;
        foreach (var rune in text.EnumerateRunes())
        {
            if (IsUnsafe(rune) || Rune.IsWhiteSpace(rune))
            {
                pendingSpace = builder.Length > 0;
                continue;
            }
            if (pendingSpace) builder.Append(' ');
            pendingSpace = false;
            builder.Append(rune.ToString());
        }
        return Truncate(builder.ToString(), maxLength);
    }

    /// <summary>Cuts <paramref name="text"/> to at most <paramref name="maxLength"/> UTF-16 units at a text-element boundary.</summary>
    public static string Truncate(string text, int maxLength)
    {
        if (text.Length <= maxLength) return text;
        var limit = maxLength - 1; // room for the ellipsis
        var cut = 0;
        var elements = StringInfo.GetTextElementEnumerator(text);
        while (elements.MoveNext())
        {
            var end = elements.ElementIndex + ((string)elements.Current).Length;
            if (end > limit) break;
            cut = end;
        }
        return text[..cut].TrimEnd() + Ellipsis;
    }

    /// <summary>Cuts UTF-8 text to at most <paramref name="maxBytes"/> bytes without splitting a character.</summary>
    public static string TruncateUtf8(string text, int maxBytes)
    {
        if (Encoding.UTF8.GetByteCount(text) <= maxBytes) return text;
        var ellipsisBytes = Encoding.UTF8.GetByteCount(Ellipsis.ToString());
        var budget = maxBytes - ellipsisBytes;
        var cut = 0;
        var used = 0;
        var elements = StringInfo.GetTextElementEnumerator(text);
        while (elements.MoveNext())
        {
            var element = (string)elements.Current;
            var size = Encoding.UTF8.GetByteCount(element);
            if (used + size > budget) break;
            used += size;
            cut = elements.ElementIndex + element.Length;
        }
        return text[..cut] + Ellipsis;
    }

    /// <summary>Most texts are plain printable ASCII with single inner spaces: nothing to clean.</summary>
    private static bool IsPlainAscii(string text)
    {
        if (text[0] == ' ' || text[^1] == ' ') return false;
        var previous = 'x';
        foreach (var c in text)
        {
            if (c is < ' ' or > '~') return false;
            if (c == ' ' && previous == ' ') return false;
            previous = c;
        }
        return true;
    }

    private static bool IsUnsafe(Rune rune)
    {
        var value = rune.Value;
        if (Rune.IsControl(rune)) return true; // C0, DEL, C1
        if (value is 0x2028 or 0x2029) return true; // line / paragraph separator
        if (value is >= 0x202A and <= 0x202E) return true; // bidi embeddings and overrides
        if (value is >= 0x2066 and <= 0x2069) return true; // bidi isolates
        if (value is 0x200E or 0x200F or 0xFEFF) return true; // direction marks, BOM / zero-width no-break space
        return false;
    }
}
