using System.Globalization;
using System.Text;

namespace FlaxGuard.Platform;

/// <summary>
/// Makes text that came from a device (verdict codes, subjects, messages, firmware strings, names) safe to print on a
/// terminal: an ESC sequence or a newline inside it must not move the cursor, erase a line or forge an "OK" line.
/// Every printer (status, check, device list, baseline show, the agent log) passes what it prints through here.
/// </summary>
public static class TerminalText
{
    /// <summary>
    /// One line: C0 controls (newline and tab included), DEL, C1 controls and the Unicode bidi controls (which can make
    /// a line read differently from what it is) become visible escapes: \n, \r, \t, \e for ESC, \xHH or \uHHHH.
    /// </summary>
    public static string Safe(string? text)
    {
        if (string.IsNullOrEmpty(text)) return text ?? "";
        if (!NeedsEscaping(text)) return text;
        var sb = new StringBuilder(text.Length + 16);
        foreach (var c in text)
        {
            if (!IsUnsafe(c))
            {
                sb.Append(c);
                continue;
            }
            sb.Append(c switch
            {
                '\n' => "\\n",
                '\r' => "\\r",
                '\t' => "\\t",
                '\u001b' => "\\e",
                <= '\u00ff' => "\\x" + ((int)c).ToString("x2", CultureInfo.InvariantCulture),
                _ => "\\u" + ((int)c).ToString("x4", CultureInfo.InvariantCulture),
            });
        }
        return sb.ToString();
    }

    /// <summary>Text of several lines: each line made <see cref="Safe"/>, the line breaks kept.</summary>
    public static string Lines(string? text)
    {
        if (string.IsNullOrEmpty(text)) return text ?? "";
        var endsWithNewline = text.EndsWith('\n');
        var lines = (endsWithNewline ? text[..^1] : text).Split('\n').Select(line => Safe(line.TrimEnd('\r')));
        return string.Join('\n', lines) + (endsWithNewline ? "\n" : "");
    }

    public static bool NeedsEscaping(string text)
    {
        foreach (var c in text)
            if (IsUnsafe(c)) return true;
        return false;
    }

    /// <summary>C0, DEL, C1 (U+0080 to U+009F), and the bidi embeddings, overrides, isolates and marks.</summary>
    public static bool IsUnsafe(char c) =>
        c < '\u0020' || c is >= '\u007f' and <= '\u009f'
        || c is '\u061c' or '\u200e' or '\u200f' or >= '\u202a' and <= '\u202e' or >= '\u2066' and <= '\u2069';
}
