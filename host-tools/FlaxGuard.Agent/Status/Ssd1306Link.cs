using System.Device.I2c;
using Iot.Device.Ssd13xx.Commands;
using Iot.Device.Ssd13xx.Commands.Ssd1306Commands;

namespace FlaxGuard.Agent.Status;

/// <summary>
/// An SSD1306 on I2C, driven with the binding's command encoders (Iot.Device.Ssd13xx.Commands). The binding's
/// Ssd1306 class is not used because it needs a bitmap factory (SkiaSharp) that a headless agent does not have.
/// Every I2C transaction starts with the control byte: 0x00 for commands, 0x40 for display data (datasheet 8.1.5.2).
/// </summary>
internal sealed class Ssd1306Link : IDisposable
{
    public const byte CommandControl = 0x00;
    public const byte DataControl = 0x40;

    /// <summary>Display data per I2C transaction; small enough for every bus driver's write limit.</summary>
    public const int DataChunk = 128;

    private readonly I2cDevice _device;
    private readonly int _width;
    private readonly int _height;

    public Ssd1306Link(I2cDevice device, int width, int height)
    {
        _device = device;
        _width = width;
        _height = height;
        // The power-on sequence of the datasheet's application note, horizontal addressing so a frame is one stream.
        Send(new SetDisplayOff());
        Send(new SetDisplayClockDivideRatioOscillatorFrequency(0x00, 0x08));
        Send(new SetMultiplexRatio((byte)(height - 1)));
        Send(new SetDisplayOffset(0x00));
        Send(new SetDisplayStartLine(0x00));
        Send(new SetChargePump(true));
        Send(new SetMemoryAddressingMode(SetMemoryAddressingMode.AddressingMode.Horizontal));
        Send(new SetSegmentReMap(true));
        Send(new SetComOutputScanDirection(false));
        Send(new SetComPinsHardwareConfiguration(true, false));
        Send(new SetContrastControlForBank0(0x8F));
        Send(new SetPreChargePeriod(0x01, 0x0F));
        Send(new EntireDisplayOn(false));
        Send(new SetNormalDisplay());
        Send(new SetDisplayOn());
    }

    /// <summary>Sends a whole frame (width x pages bytes) starting at column 0, page 0.</summary>
    public void SendFrame(byte[] frame)
    {
        if (frame.Length != _width * (_height / 8)) throw new ArgumentException("the frame does not match the display size");
        Send(new SetColumnAddress(0, (byte)(_width - 1)));
        Send(new SetPageAddress(PageAddress.Page0, (PageAddress)(_height / 8 - 1)));
        var chunk = new byte[DataChunk + 1];
        chunk[0] = DataControl;
        for (var offset = 0; offset < frame.Length; offset += DataChunk)
        {
            var count = Math.Min(DataChunk, frame.Length - offset);
            Buffer.BlockCopy(frame, offset, chunk, 1, count);
            _device.Write(chunk.AsSpan(0, count + 1));
        }
    }

    private void Send(ICommand command)
    {
        var bytes = command.GetBytes();
        var message = new byte[bytes.Length + 1];
        message[0] = CommandControl;
        bytes.CopyTo(message, 1);
        _device.Write(message);
    }

    public void Dispose()
    {
        try
        {
            Send(new SetDisplayOff());
        }
        finally
        {
            _device.Dispose();
        }
    }
}
