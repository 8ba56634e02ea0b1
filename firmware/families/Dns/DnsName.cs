using System;
using System.Text;

namespace FlaxGuard.Engine.Probes.Dns
{
    /// <summary>
    /// Domain names on the wire (RFC 1035 sections 3.1 and 4.1.4). Reading follows compression pointers only
    /// backwards, each to an offset before the run of labels it ends, so pointer loops and forward pointers
    /// are refused and every name is read in bounded steps; labels are at most 63 bytes and names 255.
    /// Names come back in lower case (ASCII only) without the final dot; bytes other than letters, digits,
    /// '-' and '_' come back as \DDD, so no device text reaches a fact raw.
    /// </summary>
    public static class DnsName
    {
        public const int MaxLabelBytes = 63;
        public const int MaxWireBytes = 255;
        public const int HeaderBytes = 12;

        /// <summary>At most this many pointers in one name; the backward rule bounds it already, this keeps it small.</summary>
        public const int MaxPointers = 16;

        /// <summary>
        /// Checks a name we are going to ask for and returns it in lower case without a final dot. Only letters,
        /// digits, '-' and '_' are allowed in labels: canary names are host names, not arbitrary binary.
        /// </summary>
        public static string Normalize(string name)
        {
            if (name == null) throw new ArgumentNullException("name");
            if (name.Length > 0 && name[name.Length - 1] == '.') name = name.Substring(0, name.Length - 1);
            if (name.Length == 0) throw new ArgumentException("the DNS name is empty", "name");
            if (name.Length > 253) throw new ArgumentException("the DNS name is longer than 253 characters", "name");
            int labelLength = 0;
            for (int i = 0; i < name.Length; i++)
            {
                char c = name[i];
                if (c == '.')
                {
                    if (labelLength == 0) throw new ArgumentException("the DNS name has an empty label", "name");
                    labelLength = 0;
                    continue;
                }
                bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '_';
                if (!ok) throw new ArgumentException("the DNS name has a character other than letters, digits, '-', '_' and '.'", "name");
                if (++labelLength > MaxLabelBytes) throw new ArgumentException("a DNS label is longer than 63 characters", "name");
            }
            if (labelLength == 0) throw new ArgumentException("the DNS name has an empty label", "name");
            return Text.Ordinal.ToLowerAscii(name);
        }

        /// <summary>Writes a name checked by <see cref="Normalize"/> as labels; returns the new position.</summary>
        public static int Write(string normalized, byte[] buffer, int position)
        {
            int start = 0;
            for (int i = 0; i <= normalized.Length; i++)
            {
                if (i < normalized.Length && normalized[i] != '.') continue;
                int length = i - start;
                buffer[position++] = (byte)length;
                for (int k = 0; k < length; k++) buffer[position++] = (byte)normalized[start + k];
                start = i + 1;
            }
            buffer[position++] = 0;
            return position;
        }

        /// <summary>
        /// Reads the name at <paramref name="position"/> of a message that spans [0, <paramref name="end"/>),
        /// and moves <paramref name="position"/> past it (past the first pointer, when there is one).
        /// Throws <see cref="FormatException"/> with a reason in words on anything the rules above refuse.
        /// </summary>
        public static string Read(byte[] message, int end, ref int position)
        {
            StringBuilder text = new StringBuilder(32);
            int p = position;
            int runStart = position;
            bool jumped = false;
            int pointers = 0;
            int wireBytes = 0;
            while (true)
            {
                if (p >= end) throw new FormatException("a name runs past the end of the message");
                int length = message[p];
                int labelType = length & 0xC0;
                if (labelType == 0xC0)
                {
                    if (p + 1 >= end) throw new FormatException("a name pointer is cut off");
                    int target = ((length & 0x3F) << 8) | message[p + 1];
                    if (!jumped) position = p + 2;
                    if (target < HeaderBytes) throw new FormatException("a name pointer points into the header");
                    if (target >= runStart) throw new FormatException("a name pointer points forward or into itself (a loop)");
                    if (++pointers > MaxPointers) throw new FormatException("a name has too many pointers");
                    jumped = true;
                    runStart = target;
                    p = target;
                    continue;
                }
                if (labelType != 0) throw new FormatException("a name uses an unknown label type");
                wireBytes += length + 1;
                if (wireBytes > MaxWireBytes) throw new FormatException("a name is longer than 255 bytes");
                if (length == 0)
                {
                    if (!jumped) position = p + 1;
                    return text.ToString();
                }
                if (p + 1 + length > end) throw new FormatException("a label runs past the end of the message");
                if (text.Length > 0) text.Append('.');
                for (int i = 0; i < length; i++) AppendByte(text, message[p + 1 + i]);
                p += 1 + length;
            }
        }

        private static void AppendByte(StringBuilder text, byte b)
        {
            char c = (char)b;
            if (c >= 'A' && c <= 'Z') c = (char)(c + 32);
            if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_')
            {
                text.Append(c);
                return;
            }
            text.Append('\\');
            text.Append((char)('0' + b / 100));
            text.Append((char)('0' + b / 10 % 10));
            text.Append((char)('0' + b % 10));
        }
    }
}
