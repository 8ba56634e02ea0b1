using System.Device.I2c;
using Iot.Device.Graphics;

namespace FlaxGuard.Agent.Status;

/// <summary>
/// Status lines on an SSD1306 128x64 display over I2C. The frame is sent only when the text changes, so the
/// bus is quiet between rounds.
/// </summary>
public sealed class OledStatusOutput : IStatusOutput
{
    public const int Width = 128;
    public const int Height = 64;

    private readonly Ssd1306Link _display;
    private readonly TextFrame _frame = new(Width, Height, new Font5x8());
    private string? _shown;

    public OledStatusOutput(I2cDevice device)
    {
        _display = new Ssd1306Link(device, Width, Height);
    }

    /// <summary>The last frame sent.</summary>
    public TextFrame Frame => _frame;

    public void Show(AgentStatusView view)
    {
        var lines = view.Lines();
        var text = string.Join('\n', lines);
        if (text == _shown) return;
        _frame.Render(lines);
        _display.SendFrame(_frame.Bytes);
        _shown = text;
    }

    public void Tick(long monotonicMs)
    {
    }

    public void Dispose() => _display.Dispose();
}
