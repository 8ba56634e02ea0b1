using Iot.Device.Graphics;

namespace FlaxGuard.Agent.Status;

/// <summary>
/// Renders text lines into an SSD1306 frame: pages of 8 pixel rows, one byte per column, bit 0 the top row,
/// in the order the controller takes them in horizontal addressing mode. One line of text per page.
/// Glyph rows from <see cref="BdfFont"/> are right-aligned: the leftmost pixel is bit (width - 1).
/// </summary>
public sealed class TextFrame
{
    public const int CharacterAdvance = 6;

    private readonly BdfFont _font;

    public TextFrame(int width, int height, BdfFont font)
    {
        if (width < CharacterAdvance || height < 8 || height % 8 != 0) throw new ArgumentException("the display must be at least 6x8 pixels, height a multiple of 8");
        Width = width;
        Pages = height / 8;
        _font = font;
        Bytes = new byte[width * Pages];
    }

    public int Width { get; }

    public int Pages { get; }

    public byte[] Bytes { get; }

    public int CharactersPerLine => Width / CharacterAdvance;

    public void Render(IReadOnlyList<string> lines)
    {
        Array.Clear(Bytes);
        for (var page = 0; page < Pages && page < lines.Count; page++)
        {
            var text = lines[page];
            for (var i = 0; i < text.Length && i < CharactersPerLine; i++) DrawCharacter(page, i * CharacterAdvance, text[i]);
        }
    }

    /// <summary>Whether the pixel at (x, y) is lit in the rendered frame.</summary>
    public bool IsLit(int x, int y) => (Bytes[(y / 8) * Width + x] & (1 << (y % 8))) != 0;

    private void DrawCharacter(int page, int left, char c)
    {
        _font.GetCharData(c is >= ' ' and <= '~' ? c : '?', out ReadOnlySpan<ushort> rows);
        var rowCount = Math.Min(8, Math.Min(_font.Height, rows.Length));
        for (var y = 0; y < rowCount; y++)
        {
            for (var x = 0; x < _font.Width && x < CharacterAdvance && left + x < Width; x++)
            {
                if ((rows[y] & (1 << (_font.Width - 1 - x))) != 0) Bytes[page * Width + left + x] |= (byte)(1 << y);
            }
        }
    }
}
