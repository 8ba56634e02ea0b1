using System;

namespace FlaxGuard.Engine.Text
{
    /// <summary>
    /// UTF-8 encoding into caller buffers. Canonical encodings and digests run over thousands of short
    /// strings; encoding into one reused buffer keeps that free of per-string allocations on a small heap.
    /// Unpaired surrogates become U+FFFD so every string has exactly one encoding.
    /// </summary>
    public static class Utf8
    {
        /// <summary>Bytes needed to encode the whole string.</summary>
        public static int ByteCount(string text)
        {
            // Fact keys and most values are ASCII: count that run first, one byte per character.
            int i = 0;
            int length = text.Length;
            while (i < length && text[i] < 0x80) i++;
            int count = i;
            for (; i < length; i++)
            {
                char c = text[i];
                if (c < 0x80) count += 1;
                else if (c < 0x800) count += 2;
                else if (IsHighSurrogate(c) && i + 1 < text.Length && IsLowSurrogate(text[i + 1])) { count += 4; i++; }
                else count += 3;
            }
            return count;
        }

        /// <summary>
        /// Encodes text starting at char index <paramref name="charIndex"/> into buffer until the buffer is full
        /// or the text ends. Returns the bytes written; <paramref name="charIndex"/> moves past what was encoded.
        /// A character is never split across two calls.
        /// </summary>
        public static int Encode(string text, ref int charIndex, byte[] buffer, int offset, int count)
        {
            int pos = offset;
            int end = offset + count;
            int i = charIndex;
            int length = text.Length;
            while (i < length)
            {
                // ASCII fast path: one byte per character while there is room.
                char c = text[i];
                if (c < 0x80)
                {
                    if (pos >= end) break;
                    buffer[pos++] = (byte)c;
                    i++;
                    continue;
                }
                int cp = text[i];
                int width = 1;
                if (cp >= 0xD800 && cp <= 0xDFFF)
                {
                    if (IsHighSurrogate((char)cp) && i + 1 < text.Length && IsLowSurrogate(text[i + 1]))
                    {
                        cp = 0x10000 + ((cp - 0xD800) << 10) + (text[i + 1] - 0xDC00);
                        width = 2;
                    }
                    else
                    {
                        cp = 0xFFFD;
                    }
                }
                int need = cp < 0x80 ? 1 : cp < 0x800 ? 2 : cp < 0x10000 ? 3 : 4;
                if (pos + need > end) break;
                if (need == 1)
                {
                    buffer[pos++] = (byte)cp;
                }
                else if (need == 2)
                {
                    buffer[pos++] = (byte)(0xC0 | (cp >> 6));
                    buffer[pos++] = (byte)(0x80 | (cp & 0x3F));
                }
                else if (need == 3)
                {
                    buffer[pos++] = (byte)(0xE0 | (cp >> 12));
                    buffer[pos++] = (byte)(0x80 | ((cp >> 6) & 0x3F));
                    buffer[pos++] = (byte)(0x80 | (cp & 0x3F));
                }
                else
                {
                    buffer[pos++] = (byte)(0xF0 | (cp >> 18));
                    buffer[pos++] = (byte)(0x80 | ((cp >> 12) & 0x3F));
                    buffer[pos++] = (byte)(0x80 | ((cp >> 6) & 0x3F));
                    buffer[pos++] = (byte)(0x80 | (cp & 0x3F));
                }
                i += width;
            }
            charIndex = i;
            return pos - offset;
        }

        public static byte[] GetBytes(string text)
        {
            byte[] result = new byte[ByteCount(text)];
            int index = 0;
            Encode(text, ref index, result, 0, result.Length);
            return result;
        }

        /// <summary>
        /// Strict decoder for bytes from the network: returns null on any malformed, overlong or surrogate
        /// sequence, so hostile input cannot smuggle two spellings of one string past a comparison.
        /// </summary>
        public static string TryDecode(byte[] data, int offset, int count)
        {
            if (!IsValid(data, offset, count)) return null;
            // Checked first, so the platform decoder (one allocation: the string) sees only well-formed UTF-8.
            return count == 0 ? string.Empty : System.Text.Encoding.UTF8.GetString(data, offset, count);
        }

        /// <summary>Whether the bytes are well-formed UTF-8: no malformed, truncated, overlong or surrogate sequence.</summary>
        public static bool IsValid(byte[] data, int offset, int count)
        {
            int i = offset;
            int end = offset + count;
            while (i < end)
            {
                int b0 = data[i];
                if (b0 < 0x80)
                {
                    i++;
                    continue;
                }
                int need;
                int cp;
                int min;
                if ((b0 & 0xE0) == 0xC0) { need = 1; cp = b0 & 0x1F; min = 0x80; }
                else if ((b0 & 0xF0) == 0xE0) { need = 2; cp = b0 & 0x0F; min = 0x800; }
                else if ((b0 & 0xF8) == 0xF0) { need = 3; cp = b0 & 0x07; min = 0x10000; }
                else return false;
                if (i + need >= end) return false;
                for (int k = 1; k <= need; k++)
                {
                    int bk = data[i + k];
                    if ((bk & 0xC0) != 0x80) return false;
                    cp = (cp << 6) | (bk & 0x3F);
                }
                if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) return false;
                i += need + 1;
            }
            return true;
        }

        private static bool IsHighSurrogate(char c) { return c >= 0xD800 && c <= 0xDBFF; }

        private static bool IsLowSurrogate(char c) { return c >= 0xDC00 && c <= 0xDFFF; }
    }
}
