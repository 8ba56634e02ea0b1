using System;

namespace FlaxGuard.Engine.Http
{
    /// <summary>Base64 with padding (RFC 4648 section 4), for Basic credentials and WS-Security tokens.</summary>
    public static class Base64
    {
        private const string Alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

        /// <summary>Characters the Base64 form of <paramref name="byteCount"/> bytes takes.</summary>
        public static int EncodedLength(int byteCount)
        {
            if (byteCount < 0) throw new ArgumentOutOfRangeException("byteCount");
            return (byteCount + 2) / 3 * 4;
        }

        public static string Encode(byte[] data)
        {
            if (data == null) throw new ArgumentNullException("data");
            char[] chars = new char[EncodedLength(data.Length)];
            int c = 0;
            for (int i = 0; i < data.Length; i += 3)
            {
                int remaining = data.Length - i;
                int block = Block(data, i, remaining);
                chars[c++] = Alphabet[(block >> 18) & 0x3F];
                chars[c++] = Alphabet[(block >> 12) & 0x3F];
                chars[c++] = remaining > 1 ? Alphabet[(block >> 6) & 0x3F] : '=';
                chars[c++] = remaining > 2 ? Alphabet[block & 0x3F] : '=';
            }
            return new string(chars);
        }

        /// <summary>
        /// Writes the Base64 of <paramref name="count"/> bytes as ASCII into <paramref name="output"/> at
        /// <paramref name="outputOffset"/>, without a string; returns the bytes written (<see cref="EncodedLength"/>).
        /// </summary>
        public static int EncodeInto(byte[] data, int offset, int count, byte[] output, int outputOffset)
        {
            if (data == null) throw new ArgumentNullException("data");
            if (output == null) throw new ArgumentNullException("output");
            if (offset < 0 || count < 0 || offset > data.Length - count) throw new ArgumentOutOfRangeException("offset");
            int length = EncodedLength(count);
            if (outputOffset < 0 || outputOffset > output.Length - length) throw new ArgumentOutOfRangeException("outputOffset");
            int c = outputOffset;
            for (int i = 0; i < count; i += 3)
            {
                int remaining = count - i;
                int block = Block(data, offset + i, remaining);
                output[c++] = (byte)Alphabet[(block >> 18) & 0x3F];
                output[c++] = (byte)Alphabet[(block >> 12) & 0x3F];
                output[c++] = remaining > 1 ? (byte)Alphabet[(block >> 6) & 0x3F] : (byte)'=';
                output[c++] = remaining > 2 ? (byte)Alphabet[block & 0x3F] : (byte)'=';
            }
            return length;
        }

        private static int Block(byte[] data, int i, int remaining)
        {
            int block = data[i] << 16;
            if (remaining > 1) block |= data[i + 1] << 8;
            if (remaining > 2) block |= data[i + 2];
            return block;
        }
    }
}
