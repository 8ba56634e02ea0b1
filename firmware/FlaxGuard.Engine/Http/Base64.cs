using System;

namespace FlaxGuard.Engine.Http
{
    /// <summary>Base64 with padding (RFC 4648 section 4), for Basic credentials.</summary>
    public static class Base64
    {
        private const string Alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

        public static string Encode(byte[] data)
        {
            if (data == null) throw new ArgumentNullException("data");
            char[] chars = new char[(data.Length + 2) / 3 * 4];
            int c = 0;
            for (int i = 0; i < data.Length; i += 3)
            {
                int remaining = data.Length - i;
                int block = data[i] << 16;
                if (remaining > 1) block |= data[i + 1] << 8;
                if (remaining > 2) block |= data[i + 2];
                chars[c++] = Alphabet[(block >> 18) & 0x3F];
                chars[c++] = Alphabet[(block >> 12) & 0x3F];
                chars[c++] = remaining > 1 ? Alphabet[(block >> 6) & 0x3F] : '=';
                chars[c++] = remaining > 2 ? Alphabet[block & 0x3F] : '=';
            }
            return new string(chars);
        }
    }
}
