using FlaxGuard.Platform;
using Spectre.Console;

namespace FlaxGuard.Cli;

/// <summary>Spectre.Console output of untrusted strings: control and bidi characters escaped (<see cref="TerminalText"/>), then markup escaped.</summary>
public static class SafeMarkup
{
    /// <summary>For interpolation into markup: [brackets] and control characters both neutralised.</summary>
    public static string Escape(string? text) => Markup.Escape(TerminalText.Safe(text));

    /// <summary>A table cell or other renderable showing <paramref name="text"/> literally.</summary>
    public static Text Text(string? text, Style? style = null) => new(TerminalText.Safe(text), style);
}
