using System;

namespace FlaxGuard.Engine.Text
{
    /// <summary>Lower-case hexadecimal, the form every digest takes in facts and reports.</summary>
    public static class Hex
    {
        private const string Digits = "0123456789abcdef";

        public static string Encode(byte[] data)
        {
            if (data == null) throw new ArgumentNullException("data");
            return Encode(data, 0, data.Length);
        }

        public static string Encode(byte[] data, int offset, int count)
        {
            if (data == null) throw new ArgumentNullException("data");
            if (offset < 0 || count < 0 || offset > data.Length - count) throw new ArgumentOutOfRangeException("offset");
            char[] chars = new char[count * 2];
            for (int i = 0; i < count; i++)
            {
                int b = data[offset + i];
                chars[i * 2] = Digits[b >> 4];
                chars[i * 2 + 1] = Digits[b & 0xF];
            }
            return new string(chars);
        }

        /// <summary>
        /// Writes the lower-case hex of <paramref name="count"/> bytes as ASCII into <paramref name="output"/> at
        /// <paramref name="outputOffset"/> (two bytes per byte), so digests can be chained without a string each.
        /// </summary>
        public static void EncodeInto(byte[] data, int offset, int count, byte[] output, int outputOffset)
        {
            if (data == null) throw new ArgumentNullException("data");
            if (output == null) throw new ArgumentNullException("output");
            if (offset < 0 || count < 0 || offset > data.Length - count) throw new ArgumentOutOfRangeException("offset");
            if (outputOffset < 0 || outputOffset > output.Length - count * 2) throw new ArgumentOutOfRangeException("outputOffset");
            for (int i = 0; i < count; i++)
            {
                int b = data[offset + i];
                output[outputOffset + i * 2] = (byte)Digits[b >> 4];
                output[outputOffset + i * 2 + 1] = (byte)Digits[b & 0xF];
            }
        }

        /// <summary>Decodes upper- or lower-case hex; returns null when the text is not whole bytes of hex.</summary>
        public static byte[] TryDecode(string text)
        {
            if (text == null || (text.Length & 1) != 0) return null;
            byte[] result = new byte[text.Length / 2];
            for (int i = 0; i < result.Length; i++)
            {
                int hi = Nibble(text[i * 2]);
                int lo = Nibble(text[i * 2 + 1]);
                if (hi < 0 || lo < 0) return null;
                result[i] = (byte)((hi << 4) | lo);
            }
            return result;
        }

        private static int Nibble(char c)
        {
            if (c >= '0' && c <= '9') return c - '0';
            if (c >= 'a' && c <= 'f') return c - 'a' + 10;
            if (c >= 'A' && c <= 'F') return c - 'A' + 10;
            return -1;
        }
    }
}
