using System;

namespace FlaxGuard.Engine.Probes.Snmp
{
    /// <summary>
    /// Strict, bounded BER decoder for SNMP messages. Only definite lengths and one-byte tags; every length is
    /// checked against the bytes left in the enclosing element; nesting, OID arcs and integer sizes are capped.
    /// Reads never copy the message: octet strings come back as offset and length into the caller's buffer.
    /// Any violation throws <see cref="FormatException"/>, the single failure path callers catch.
    /// </summary>
    public sealed class BerReader
    {
        /// <summary>SNMP needs 5 levels (message, PDU, varbind list, varbind, plus v3 wrapping); more is hostile.</summary>
        public const int MaxDepth = 8;

        /// <summary>RFC 2578 section 3.5: at most 128 sub-identifiers.</summary>
        public const int MaxOidArcs = 128;

        private readonly int[] _ends = new int[MaxDepth + 1];
        private byte[] _data;
        private int _position;
        private int _end;
        private int _depth;

        public BerReader()
        {
        }

        public BerReader(byte[] data, int offset, int count)
        {
            Reset(data, offset, count);
        }

        /// <summary>Starts reading <paramref name="count"/> bytes at <paramref name="offset"/>; lets one reader serve many messages.</summary>
        public void Reset(byte[] data, int offset, int count)
        {
            if (data == null) throw new ArgumentNullException("data");
            if (offset < 0 || count < 0 || offset > data.Length - count) throw new ArgumentOutOfRangeException("offset");
            _data = data;
            _position = offset;
            _end = offset + count;
            _depth = 0;
        }

        public byte[] Data { get { return _data; } }

        public int Position { get { return _position; } }

        /// <summary>Bytes left in the element being read.</summary>
        public int Remaining { get { return _end - _position; } }

        public int Depth { get { return _depth; } }

        /// <summary>The next tag, without consuming it.</summary>
        public byte PeekTag()
        {
            if (_position >= _end) throw new FormatException("BER: element expected, none left");
            return _data[_position];
        }

        /// <summary>Reads a tag and its length; returns the content length. The content is checked to fit.</summary>
        public int ReadHeader(out byte tag)
        {
            if (_position >= _end) throw new FormatException("BER: element expected, none left");
            tag = _data[_position++];
            if ((tag & 0x1F) == 0x1F) throw new FormatException("BER: multi-byte tags are not used by SNMP");
            if (_position >= _end) throw new FormatException("BER: length missing");
            int first = _data[_position++];
            int length;
            if (first < 0x80)
            {
                length = first;
            }
            else
            {
                int octets = first & 0x7F;
                if (octets == 0) throw new FormatException("BER: indefinite length is not allowed");
                if (octets > 3) throw new FormatException("BER: length field too long");
                if (octets > _end - _position) throw new FormatException("BER: length field truncated");
                length = 0;
                for (int i = 0; i < octets; i++) length = (length << 8) | _data[_position++];
            }
            if (length > _end - _position) throw new FormatException("BER: length exceeds the bytes left");
            return length;
        }

        /// <summary>Reads a header that must carry <paramref name="expected"/>.</summary>
        public int ReadHeader(byte expected)
        {
            byte tag;
            int length = ReadHeader(out tag);
            if (tag != expected) throw new FormatException("BER: unexpected tag 0x" + Hex2(tag) + ", wanted 0x" + Hex2(expected));
            return length;
        }

        /// <summary>Enters a constructed element with the given tag; reads are bounded by it until <see cref="Leave"/>.</summary>
        public int Enter(byte expected)
        {
            int length = ReadHeader(expected);
            Push(length);
            return length;
        }

        /// <summary>Enters a constructed element of any tag (PDUs); returns its tag.</summary>
        public byte EnterAny()
        {
            byte tag;
            int length = ReadHeader(out tag);
            if ((tag & 0x20) == 0) throw new FormatException("BER: constructed element expected");
            Push(length);
            return tag;
        }

        /// <summary>Leaves the current constructed element, which must have been read completely.</summary>
        public void Leave()
        {
            if (_depth == 0) throw new FormatException("BER: not inside an element");
            if (_position != _end) throw new FormatException("BER: trailing bytes inside an element");
            _depth--;
            _end = _ends[_depth];
        }

        /// <summary>Leaves the current element, skipping whatever is left in it.</summary>
        public void LeaveSkippingRest()
        {
            if (_depth == 0) throw new FormatException("BER: not inside an element");
            _position = _end;
            Leave();
        }

        /// <summary>Skips one whole element.</summary>
        public void Skip()
        {
            byte tag;
            int length = ReadHeader(out tag);
            _position += length;
        }

        public long ReadInteger()
        {
            return ReadSigned(BerTag.Integer);
        }

        /// <summary>An INTEGER that must fit in 32 bits (request ids, error status, msgID).</summary>
        public int ReadInt32()
        {
            long v = ReadSigned(BerTag.Integer);
            if (v < int.MinValue || v > int.MaxValue) throw new FormatException("BER: integer out of 32-bit range");
            return (int)v;
        }

        /// <summary>Reads a signed integer of up to 8 content bytes under <paramref name="tag"/>.</summary>
        public long ReadSigned(byte tag)
        {
            int length = ReadHeader(tag);
            if (length < 1 || length > 8) throw new FormatException("BER: integer of " + length.ToString() + " bytes");
            long v = (sbyte)_data[_position];
            for (int i = 1; i < length; i++) v = (v << 8) | _data[_position + i];
            _position += length;
            return v;
        }

        /// <summary>Counter32, Gauge32, TimeTicks: unsigned 32-bit, up to 5 content bytes (a leading zero).</summary>
        public uint ReadUnsigned32(byte tag)
        {
            ulong v = ReadUnsignedContent(tag, 5);
            if (v > 0xFFFFFFFFUL) throw new FormatException("BER: value exceeds 32 bits");
            return (uint)v;
        }

        /// <summary>Counter64: unsigned 64-bit, up to 9 content bytes.</summary>
        public ulong ReadCounter64()
        {
            return ReadUnsignedContent(BerTag.Counter64, 9);
        }

        private ulong ReadUnsignedContent(byte tag, int maxBytes)
        {
            int length = ReadHeader(tag);
            if (length < 1 || length > maxBytes) throw new FormatException("BER: unsigned value of " + length.ToString() + " bytes");
            if (length == maxBytes && _data[_position] != 0) throw new FormatException("BER: unsigned value too large");
            ulong v = 0;
            for (int i = 0; i < length; i++) v = (v << 8) | _data[_position + i];
            _position += length;
            return v;
        }

        /// <summary>Reads an octet string under <paramref name="tag"/>; returns where its content starts. Nothing is copied.</summary>
        public int ReadOctets(byte tag, out int length)
        {
            length = ReadHeader(tag);
            int start = _position;
            _position += length;
            return start;
        }

        public int ReadOctetString(out int length)
        {
            return ReadOctets(BerTag.OctetString, out length);
        }

        public void ReadNull()
        {
            int length = ReadHeader(BerTag.Null);
            if (length != 0) throw new FormatException("BER: NULL with content");
        }

        /// <summary>Reads an OBJECT IDENTIFIER into <paramref name="arcs"/> (at least <see cref="MaxOidArcs"/> long); returns the arc count.</summary>
        public int ReadOid(uint[] arcs)
        {
            int length = ReadHeader(BerTag.ObjectIdentifier);
            return DecodeOidContent(_data, SkipContent(length), length, arcs);
        }

        /// <summary>Decodes OID content bytes (X.690 section 8.19) without a header.</summary>
        public static int DecodeOidContent(byte[] data, int offset, int length, uint[] arcs)
        {
            if (length < 1) throw new FormatException("BER: empty OID");
            int count = 0;
            int end = offset + length;
            int i = offset;
            while (i < end)
            {
                ulong value = 0;
                int octets = 0;
                byte b;
                do
                {
                    if (i >= end) throw new FormatException("BER: OID arc truncated");
                    b = data[i++];
                    if (octets == 0 && b == 0x80) throw new FormatException("BER: OID arc with a leading zero octet");
                    value = (value << 7) | (uint)(b & 0x7F);
                    octets++;
                    if (octets > 5 || value > 0xFFFFFFFFUL) throw new FormatException("BER: OID arc exceeds 32 bits");
                }
                while ((b & 0x80) != 0);

                if (count == 0)
                {
                    // The first subidentifier packs the first two arcs: 40 * X + Y.
                    if (arcs.Length < 2) throw new FormatException("BER: OID too long");
                    uint first = value < 40 ? 0u : (value < 80 ? 1u : 2u);
                    arcs[0] = first;
                    arcs[1] = (uint)(value - 40UL * first);
                    count = 2;
                }
                else
                {
                    if (count >= MaxOidArcs || count >= arcs.Length) throw new FormatException("BER: OID has more than " + MaxOidArcs.ToString() + " arcs");
                    arcs[count++] = (uint)value;
                }
            }
            return count;
        }

        private int SkipContent(int length)
        {
            int start = _position;
            _position += length;
            return start;
        }

        private void Push(int length)
        {
            if (_depth >= MaxDepth) throw new FormatException("BER: nested deeper than " + MaxDepth.ToString());
            _ends[_depth++] = _end;
            _end = _position + length;
        }

        private static string Hex2(byte b)
        {
            const string digits = "0123456789abcdef";
            return new string(new char[] { digits[b >> 4], digits[b & 0xF] });
        }
    }
}
