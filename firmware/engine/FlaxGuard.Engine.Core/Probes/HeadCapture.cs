using System;
using FlaxGuard.Engine.Text;

namespace FlaxGuard.Engine.Probes
{
    /// <summary>Keeps the first bytes of a body (enough for a title and the asset links) and counts the rest.</summary>
    public sealed class HeadCapture : IByteSink
    {
        private readonly byte[] _buffer;
        private int _count;

        public HeadCapture(int capacity)
        {
            _buffer = new byte[capacity];
        }

        public byte[] Buffer { get { return _buffer; } }

        public int Count { get { return _count; } }

        public void Reset()
        {
            _count = 0;
        }

        public void Write(byte[] data, int offset, int count)
        {
            int room = _buffer.Length - _count;
            if (room <= 0) return;
            int n = count < room ? count : room;
            Array.Copy(data, offset, _buffer, _count, n);
            _count += n;
        }
    }
}
