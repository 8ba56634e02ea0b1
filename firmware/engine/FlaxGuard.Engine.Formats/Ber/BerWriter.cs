using System;

namespace FlaxGuard.Engine.Probes.Snmp
{
    /// <summary>
    /// BER encoder into a fixed buffer, for the requests we send. Constructed elements reserve a three-byte
    /// long-form length (0x82 hi lo, allowed by X.690 8.1.3.5 and accepted by every agent) and fill it in when
    /// closed, so content never moves: offsets taken while writing (the v3 MAC field) stay valid.
    /// Overflowing the buffer throws <see cref="FormatException"/>.
    /// </summary>
    public sealed class BerWriter
    {
        private byte[] _buffer;
        private int _position;

        public BerWriter(byte[] buffer)
        {
            Reset(buffer);
        }

        public void Reset(byte[] buffer)
        {
            if (buffer == null) throw new ArgumentNullException("buffer");
            _buffer = buffer;
            _position = 0;
        }

        public byte[] Buffer { get { return _buffer; } }

        public int Length { get { return _position; } }

        /// <summary>Opens a constructed element; pass the result to <see cref="End"/>.</summary>
        public int Begin(byte tag)
        {
            Need(4);
            _buffer[_position++] = tag;
            _buffer[_position++] = 0x82;
            _position += 2;
            return _position;
        }

        public void End(int contentStart)
        {
            int length = _position - contentStart;
            if (length > 0xFFFF) throw new FormatException("BER: element too long");
            _buffer[contentStart - 2] = (byte)(length >> 8);
            _buffer[contentStart - 1] = (byte)length;
        }

        public void WriteInteger(long value)
        {
            WriteSigned(BerTag.Integer, value);
        }

        public void WriteSigned(byte tag, long value)
        {
            // Minimal two's complement: drop leading bytes that only repeat the sign.
            int length = 8;
            while (length > 1)
            {
                long top = value >> ((length - 1) * 8 - 1);
                if (top != 0 && top != -1) break;
                length--;
            }
            WriteHeader(tag, length);
            for (int i = length - 1; i >= 0; i--) _buffer[_position++] = (byte)(value >> (i * 8));
        }

        public void WriteUnsigned(byte tag, ulong value)
        {
            int length = 1;
            while (length < 8 && (value >> (length * 8)) != 0) length++;
            bool pad = ((value >> ((length - 1) * 8)) & 0x80) != 0;
            WriteHeader(tag, length + (pad ? 1 : 0));
            if (pad) _buffer[_position++] = 0;
            for (int i = length - 1; i >= 0; i--) _buffer[_position++] = (byte)(value >> (i * 8));
        }

        public void WriteOctets(byte tag, byte[] data, int offset, int count)
        {
            WriteHeader(tag, count);
            if (count > 0) Array.Copy(data, offset, _buffer, _position, count);
            _position += count;
        }

        public void WriteOctetString(byte[] data)
        {
            if (data == null) WriteHeader(BerTag.OctetString, 0);
            else WriteOctets(BerTag.OctetString, data, 0, data.Length);
        }

        /// <summary>Writes an OCTET STRING header and reserves <paramref name="count"/> bytes; returns where they start.</summary>
        public int ReserveOctetString(int count)
        {
            WriteHeader(BerTag.OctetString, count);
            int start = _position;
            Array.Clear(_buffer, start, count);
            _position += count;
            return start;
        }

        /// <summary>Copies bytes that are already BER (content after <see cref="WriteHeader"/>, or a pre-encoded element).</summary>
        public void WriteRaw(byte[] data, int offset, int count)
        {
            Need(count);
            Array.Copy(data, offset, _buffer, _position, count);
            _position += count;
        }

        public void WriteNull()
        {
            WriteHeader(BerTag.Null, 0);
        }

        /// <summary>Writes a header with no content (the value-less exception tags).</summary>
        public void WriteEmpty(byte tag)
        {
            WriteHeader(tag, 0);
        }

        public void WriteOid(uint[] arcs, int count)
        {
            if (count < 2 || count > BerReader.MaxOidArcs) throw new FormatException("BER: OID needs 2 to 128 arcs");
            if (arcs[0] > 2 || (arcs[0] < 2 && arcs[1] >= 40)) throw new FormatException("BER: invalid first OID arcs");
            int length = ArcLength((ulong)arcs[0] * 40 + arcs[1]);
            for (int i = 2; i < count; i++) length += ArcLength(arcs[i]);
            WriteHeader(BerTag.ObjectIdentifier, length);
            WriteArc((ulong)arcs[0] * 40 + arcs[1]);
            for (int i = 2; i < count; i++) WriteArc(arcs[i]);
        }

        public void WriteHeader(byte tag, int length)
        {
            if (length < 0) throw new ArgumentOutOfRangeException("length");
            int lengthBytes = length < 0x80 ? 1 : (length < 0x100 ? 2 : (length < 0x10000 ? 3 : 4));
            Need(1 + lengthBytes + length);
            _buffer[_position++] = tag;
            if (length < 0x80)
            {
                _buffer[_position++] = (byte)length;
                return;
            }
            _buffer[_position++] = (byte)(0x80 | (lengthBytes - 1));
            for (int i = lengthBytes - 2; i >= 0; i--) _buffer[_position++] = (byte)(length >> (i * 8));
        }

        private static int ArcLength(ulong value)
        {
            int n = 1;
            while ((value >>= 7) != 0) n++;
            return n;
        }

        private void WriteArc(ulong value)
        {
            int n = ArcLength(value);
            for (int i = n - 1; i >= 0; i--)
            {
                byte b = (byte)((value >> (i * 7)) & 0x7F);
                if (i > 0) b |= 0x80;
                _buffer[_position++] = b;
            }
        }

        private void Need(int count)
        {
            if (count > _buffer.Length - _position) throw new FormatException("BER: request does not fit in " + _buffer.Length.ToString() + " bytes");
        }
    }
}
