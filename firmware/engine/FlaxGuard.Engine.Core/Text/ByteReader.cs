using System;

namespace FlaxGuard.Engine.Text
{
    /// <summary>
    /// Bounds-checked reader over bytes that came from the network. Every read checks the remaining
    /// length first and throws <see cref="FormatException"/>; callers turn that into a clear "malformed" result.
    /// </summary>
    public sealed class ByteReader
    {
        private readonly byte[] _data;
        private readonly int _end;
        private int _position;

        public ByteReader(byte[] data, int offset, int count)
        {
            if (data == null) throw new ArgumentNullException("data");
            if (offset < 0 || count < 0 || offset > data.Length - count) throw new ArgumentOutOfRangeException("offset");
            _data = data;
            _position = offset;
            _end = offset + count;
        }

        public int Position { get { return _position; } }

        public int Remaining { get { return _end - _position; } }

        public byte ReadByte()
        {
            Need(1);
            return _data[_position++];
        }

        public int ReadUInt16()
        {
            Need(2);
            int v = (_data[_position] << 8) | _data[_position + 1];
            _position += 2;
            return v;
        }

        public uint ReadUInt32()
        {
            Need(4);
            uint v = ((uint)_data[_position] << 24) | ((uint)_data[_position + 1] << 16) | ((uint)_data[_position + 2] << 8) | _data[_position + 3];
            _position += 4;
            return v;
        }

        public long ReadInt64()
        {
            ulong hi = ReadUInt32();
            ulong lo = ReadUInt32();
            return (long)((hi << 32) | lo);
        }

        /// <summary>Reads a length-prefixed UTF-8 string of at most <paramref name="maxBytes"/> bytes.</summary>
        public string ReadString(int maxBytes, string what)
        {
            uint length = ReadUInt32();
            if (length > (uint)maxBytes) throw new FormatException(what + " is longer than " + maxBytes.ToString() + " bytes");
            Need((int)length);
            string text = Utf8.TryDecode(_data, _position, (int)length);
            if (text == null) throw new FormatException(what + " is not valid UTF-8");
            _position += (int)length;
            return text;
        }

        public void ReadBytes(byte[] target, int offset, int count)
        {
            Need(count);
            Array.Copy(_data, _position, target, offset, count);
            _position += count;
        }

        private void Need(int count)
        {
            if (count < 0 || _end - _position < count) throw new FormatException("data ends early at byte " + _position.ToString());
        }
    }
}
