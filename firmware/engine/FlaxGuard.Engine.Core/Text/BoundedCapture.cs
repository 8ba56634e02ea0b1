using System;
using FlaxGuard.Engine.Http;

namespace FlaxGuard.Engine.Text
{
    /// <summary>
    /// Collects a response body up to a hard limit; bytes beyond the limit are dropped and <see cref="Overflowed"/> is
    /// set, so a parser never sees a cut body as whole. A body that fits the buffer is written straight into it. A
    /// longer one spills into fixed-size pieces and is gathered into one buffer of exactly its length when
    /// <see cref="Buffer"/> is read: about twice the body in all, where growing a buffer by doubling costs two to four
    /// times it (a 17 KB answer used to walk 2, 4, 8, 16 and 32 KB). When the transport passes the declared length
    /// first, the buffer is made that size at once and the body costs exactly itself. Buffer and pieces are kept for
    /// the next body.
    /// </summary>
    public sealed class BoundedCapture : IRestartableSink, ILengthHintSink
    {
        private readonly int _limit;
        private readonly int _pieceSize;
        // The start of the body; the whole body once gathered, or while it fits.
        private byte[] _buffer;
        private int _inBuffer;
        // What did not fit the buffer, in order: _piecesUsed pieces, the last holding _lastPieceFill bytes.
        private byte[][] _pieces;
        private int _piecesUsed;
        private int _lastPieceFill;
        private int _length;
        private bool _overflowed;

        public BoundedCapture(int initialCapacity, int limit)
        {
            if (limit <= 0) throw new ArgumentOutOfRangeException("limit");
            if (initialCapacity <= 0 || initialCapacity > limit) initialCapacity = limit < 256 ? limit : 256;
            _limit = limit;
            _buffer = new byte[initialCapacity];
            int piece = initialCapacity < 1024 ? 1024 : initialCapacity;
            _pieceSize = piece > limit ? limit : piece;
        }

        public int Limit { get { return _limit; } }

        /// <summary>The body in one array (its first <see cref="Length"/> bytes); gathers spilled pieces on first read.</summary>
        public byte[] Buffer
        {
            get
            {
                if (_piecesUsed > 0) Gather();
                return _buffer;
            }
        }

        public int Length { get { return _length; } }

        /// <summary>True when the body was longer than the limit; the captured bytes are then only its beginning.</summary>
        public bool Overflowed { get { return _overflowed; } }

        public void Restart()
        {
            _length = 0;
            _inBuffer = 0;
            _piecesUsed = 0;
            _lastPieceFill = 0;
            _overflowed = false;
        }

        /// <summary>Makes the buffer the declared length (up to the limit) before the first byte, so the body needs no pieces.</summary>
        public void ExpectLength(long length)
        {
            if (_length != 0 || length <= _buffer.Length) return;
            _buffer = new byte[length < _limit ? (int)length : _limit];
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
            _length += take;
            if (_piecesUsed == 0)
            {
                int fit = _buffer.Length - _inBuffer;
                if (fit > take) fit = take;
                Array.Copy(data, offset, _buffer, _inBuffer, fit);
                _inBuffer += fit;
                offset += fit;
                take -= fit;
            }
            while (take > 0)
            {
                if (_piecesUsed == 0 || _lastPieceFill == _pieceSize) NextPiece();
                byte[] piece = _pieces[_piecesUsed - 1];
                int fit = _pieceSize - _lastPieceFill;
                if (fit > take) fit = take;
                Array.Copy(data, offset, piece, _lastPieceFill, fit);
                _lastPieceFill += fit;
                offset += fit;
                take -= fit;
            }
        }

        private void NextPiece()
        {
            if (_pieces == null) _pieces = new byte[4][];
            if (_piecesUsed == _pieces.Length)
            {
                byte[][] more = new byte[_pieces.Length * 2][];
                Array.Copy(_pieces, more, _piecesUsed);
                _pieces = more;
            }
            if (_pieces[_piecesUsed] == null) _pieces[_piecesUsed] = new byte[_pieceSize];
            _piecesUsed++;
            _lastPieceFill = 0;
        }

        // One array of exactly the body's length; it stays the buffer, so a later body up to this size needs no pieces.
        private void Gather()
        {
            byte[] whole = new byte[_length];
            Array.Copy(_buffer, 0, whole, 0, _inBuffer);
            int at = _inBuffer;
            for (int i = 0; i < _piecesUsed; i++)
            {
                int n = i == _piecesUsed - 1 ? _lastPieceFill : _pieceSize;
                Array.Copy(_pieces[i], 0, whole, at, n);
                at += n;
            }
            _buffer = whole;
            _inBuffer = _length;
            _piecesUsed = 0;
            _lastPieceFill = 0;
        }
    }
}
