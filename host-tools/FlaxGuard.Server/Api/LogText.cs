namespace FlaxGuard.Server.Api;

/// <summary>Text from a request (a Host header, a reason naming what a client sent) made safe for one log line.</summary>
internal static class LogText
{
    public const int MaxLength = 200;

    /// <summary>Control and bidi-override characters become '?', and long text is cut: one short line, whatever the client sent.</summary>
    public static string Clean(string? text, int maxLength = MaxLength)
    {
        if (string.IsNullOrEmpty(text)) return "";
        var cut = text.Length > maxLength ? text[..maxLength] + "…" : text;
        return string.Create(cut.Length, cut, static (span, source) =>
        {
            for (var i = 0; i < source.Length; i++)
            {
                var c = source[i];
                span[i] = char.IsControl(c) || c is >= '\u202A' and <= '\u202E' or >= '\u2066' and <= '\u2069' or '\u200E' or '\u200F' ? '?' : c;
            }
        });
    }
}
