using System.Device.I2c;

namespace FlaxGuard.Agent.Tests.Fakes;

/// <summary>An I2C device without hardware: records every write transaction's bytes; reads return zeros.</summary>
internal sealed class RecordingI2cDevice(int bus, int address) : I2cDevice
{
    public List<byte[]> Transactions { get; } = [];

    public bool Disposed { get; private set; }

    public override I2cConnectionSettings ConnectionSettings { get; } = new(bus, address);

    public override byte ReadByte() => 0;

    public override void Read(Span<byte> buffer) => buffer.Clear();

    public override void WriteByte(byte value) => Transactions.Add([value]);

    public override void Write(ReadOnlySpan<byte> buffer) => Transactions.Add(buffer.ToArray());

    public override void WriteRead(ReadOnlySpan<byte> writeBuffer, Span<byte> readBuffer)
    {
        Transactions.Add(writeBuffer.ToArray());
        readBuffer.Clear();
    }

    /// <summary>The display data sent (transactions with the SSD1306 data control byte 0x40), concatenated without it.</summary>
    public byte[] DataBytes() => Transactions.Where(t => t.Length > 1 && t[0] == 0x40).SelectMany(t => t.Skip(1)).ToArray();

    protected override void Dispose(bool disposing)
    {
        Disposed = true;
        base.Dispose(disposing);
    }
}
