using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Encodings.Web;

namespace FlaxGuard.Server.Dashboard;

/// <summary>Markup that is already safe: written by this code, or encoded on the way in.</summary>
public readonly record struct SafeHtml(string Value)
{
    public static readonly SafeHtml Empty = new("");

    public override string ToString() => Value;
}

/// <summary>
/// The dashboard's renderer: C# interpolated strings whose holes are HTML-encoded unless they are <see cref="SafeHtml"/>.
/// Chosen over Razor components because the pages are a handful of tables and forms, and this way encoding is the
/// default of the language construct itself: a forgotten call leaves a value visibly encoded, never live markup.
/// Device-supplied strings (names, facts, verdict messages) are hostile, so nothing reaches the page unencoded.
/// </summary>
[InterpolatedStringHandler]
public ref struct HtmlInterpolation
{
    private readonly StringBuilder _builder;

    public HtmlInterpolation(int literalLength, int formattedCount)
    {
        _builder = new StringBuilder(literalLength + formattedCount * 24);
    }

    public void AppendLiteral(string literal) => _builder.Append(literal);

    public void AppendFormatted(SafeHtml html) => _builder.Append(html.Value);

    public void AppendFormatted(string? text) => _builder.Append(HtmlEncoder.Default.Encode(text ?? ""));

    public void AppendFormatted<T>(T value) => AppendFormatted(Convert.ToString(value, CultureInfo.InvariantCulture));

    internal SafeHtml Build() => new(_builder.ToString());
}

public static class Html
{
    /// <summary>Renders an interpolated string, encoding every hole that is not already <see cref="SafeHtml"/>.</summary>
    public static SafeHtml H(ref HtmlInterpolation html) => html.Build();

    public static SafeHtml Join(IEnumerable<SafeHtml> parts) => new(string.Concat(parts.Select(p => p.Value)));

    /// <summary>A path segment: escaped for the URL, then encoded for the attribute by the caller's interpolation.</summary>
    public static string Segment(string value) => Uri.EscapeDataString(value);
}
