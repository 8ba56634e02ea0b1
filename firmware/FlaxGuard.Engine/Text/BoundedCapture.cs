using System;
using FlaxGuard.Engine.Http;

namespace FlaxGuard.Engine.Text
{
    /// <summary>
    /// Collects a response body up to a hard limit. The buffer grows by doubling so small answers stay small;
    /// bytes beyond the limit are dropped and <see cref="Overflowed"/> is set, so a parser never sees a cut body as whole.
    /// </summary>
    public sealed class BoundedCapture : IRestartableSink
    {
        private readonly int _limit;
        private byte[] _buffer;
        private int _length;
        private bool _overflowed;

        public BoundedCapture(int initialCapacity, int limit)
        {
            if (limit <= 0) throw new ArgumentOutOfRangeException("limit");
            if (initialCapacity <= 0 || initialCapacity > limit) initialCapacity = limit < 256 ? limit : 256;
            _limit = limit;
            _buffer = new byte[initialCapacity];
        }

        public int Limit { get { return _limit; } }

        public byte[] Buffer { get { return _buffer; } }

        public int Length { get { return _length; } }

        /// <summary>True when the body was longer than the limit; the captured bytes are then only its beginning.</summary>
        public bool Overflowed { get { return _overflowed; } }

        public void Restart()
        {
            _length = 0;
            _overflowed = false;
        }

        public void Write(byte[] data, int offset, int count)
        {
            if (count <= 0) return;
            int room = _limit - _length;
            int take = count;
            if (take > room)
            {
                take = room;
                _overflowed = true;
            }
            if (take <= 0) return;
            EnsureCapacity(_length + take);
            Array.Copy(data, offset, _buffer, _length, take);
            _length += take;
        }

        private void EnsureCapacity(int needed)
        {
            if (needed <= _buffer.Length) return;
            int size = _buffer.Length;
            while (size < needed) size = size > _limit / 2 ? _limit : size * 2;
            byte[] grown = new byte[size];
            Array.Copy(_buffer, 0, grown, 0, _length);
            _buffer = grown;
        }
    }
}
