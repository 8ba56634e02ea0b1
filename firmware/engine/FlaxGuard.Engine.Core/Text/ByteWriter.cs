using System;

namespace FlaxGuard.Engine.Text
{
    /// <summary>
    /// Big-endian writer for canonical encodings. Either it grows a buffer (to build a message), or it
    /// streams through a fixed scratch buffer into an <see cref="IByteSink"/> such as a hash, so a digest over
    /// thousands of facts needs no buffer of their full size.
    /// </summary>
    public sealed class ByteWriter : IByteSink
    {
        private readonly IByteSink _sink;
        private byte[] _buffer;
        private int _length;
        private long _flushed;

        /// <summary>A growing in-memory writer.</summary>
        public ByteWriter(int initialCapacity)
        {
            _buffer = new byte[initialCapacity < 16 ? 16 : initialCapacity];
        }

        /// <summary>A streaming writer: bytes pass through <paramref name="scratch"/> into <paramref name="sink"/>.</summary>
        public ByteWriter(byte[] scratch, IByteSink sink)
        {
            if (scratch == null || scratch.Length < 16) throw new ArgumentException("scratch buffer must be at least 16 bytes", "scratch");
            if (sink == null) throw new ArgumentNullException("sink");
            _buffer = scratch;
            _sink = sink;
        }

        /// <summary>Total bytes written so far.</summary>
        public long TotalLength { get { return _flushed + _length; } }

        /// <summary>Bytes held in the buffer (all of them, for an in-memory writer).</summary>
        public int Length { get { return _length; } }

        /// <summary>The internal buffer; valid bytes are [0, Length).</summary>
        public byte[] Buffer { get { return _buffer; } }

        public void WriteByte(byte value)
        {
            Ensure(1);
            _buffer[_length++] = value;
        }

        public void Write(byte[] data, int offset, int count)
        {
            WriteBytes(data, offset, count);
        }

        public void WriteBytes(byte[] data, int offset, int count)
        {
            if (data == null) throw new ArgumentNullException("data");
            if (offset < 0 || count < 0 || offset > data.Length - count) throw new ArgumentOutOfRangeException("offset");
            if (_sink != null && count > _buffer.Length - _length)
            {
                Flush();
                _sink.Write(data, offset, count);
                _flushed += count;
                return;
            }
            Ensure(count);
            Array.Copy(data, offset, _buffer, _length, count);
            _length += count;
        }

        public void WriteUInt16(int value)
        {
            Ensure(2);
            _buffer[_length++] = (byte)(value >> 8);
            _buffer[_length++] = (byte)value;
        }

        public void WriteUInt32(uint value)
        {
            Ensure(4);
            _buffer[_length++] = (byte)(value >> 24);
            _buffer[_length++] = (byte)(value >> 16);
            _buffer[_length++] = (byte)(value >> 8);
            _buffer[_length++] = (byte)value;
        }

        public void WriteInt64(long value)
        {
            WriteUInt32((uint)((ulong)value >> 32));
            WriteUInt32((uint)value);
        }

        /// <summary>UTF-8 string with a 32-bit length prefix, so no value can be confused with a delimiter.</summary>
        public void WriteString(string text)
        {
            if (text == null) throw new ArgumentNullException("text");
            int byteCount = Utf8.ByteCount(text);
            WriteUInt32((uint)byteCount);
            if (_sink == null) Ensure(byteCount);
            int index = 0;
            while (index < text.Length)
            {
                if (_buffer.Length - _length < 4) Flush();
                _length += Utf8.Encode(text, ref index, _buffer, _length, _buffer.Length - _length);
            }
        }

        /// <summary>Passes buffered bytes to the sink (streaming writers only).</summary>
        public void Flush()
        {
            if (_sink == null || _length == 0) return;
            _sink.Write(_buffer, 0, _length);
            _flushed += _length;
            _length = 0;
        }

        public byte[] ToArray()
        {
            if (_sink != null) throw new InvalidOperationException("a streaming writer keeps no copy of what it wrote");
            byte[] result = new byte[_length];
            Array.Copy(_buffer, 0, result, 0, _length);
            return result;
        }

        private void Ensure(int extra)
        {
            if (_length + extra <= _buffer.Length) return;
            if (_sink != null)
            {
                Flush();
                return;
            }
            int size = _buffer.Length * 2;
            while (size < _length + extra) size *= 2;
            byte[] grown = new byte[size];
            Array.Copy(_buffer, 0, grown, 0, _length);
            _buffer = grown;
        }
    }
}
