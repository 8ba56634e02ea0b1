using System;
using System.Text;
using FlaxGuard.Engine.Crypto;
using FlaxGuard.Engine.Text;

namespace FlaxGuard.Engine.HashDb
{
    /// <summary>
    /// The one spelling of vendor, model and version that lookups compare: ASCII lower case, white space
    /// runs collapsed to one space, ends trimmed. "TP-Link  Archer AX21" and "tp-link archer ax21" are the
    /// same device. The keys derived here are computed identically by the host compiler and the appliance.
    /// </summary>
    public static class IdentityText
    {
        public static string Normalize(string text)
        {
            if (text == null) return string.Empty;
            StringBuilder sb = new StringBuilder(text.Length);
            bool pendingSpace = false;
            for (int i = 0; i < text.Length; i++)
            {
                char c = text[i];
                if (c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '\u00A0' || c < ' ')
                {
                    pendingSpace = sb.Length > 0;
                    continue;
                }
                if (pendingSpace)
                {
                    sb.Append(' ');
                    pendingSpace = false;
                }
                sb.Append(Ordinal.LowerAscii(c));
            }
            return sb.ToString();
        }

        /// <summary>The literal start of a model pattern: everything before its first '*'.</summary>
        public static string LiteralPrefix(string normalizedPattern)
        {
            int star = normalizedPattern.IndexOf('*');
            return star < 0 ? normalizedPattern : normalizedPattern.Substring(0, star);
        }

        /// <summary>First <paramref name="count"/> bytes of SHA-256 over the UTF-8 of the strings joined by U+001F.</summary>
        public static void Key(Sha256 sha, string a, string b, string c, byte[] scratch, byte[] output, int count)
        {
            sha.Reset();
            Absorb(sha, a, scratch);
            if (b != null)
            {
                scratch[0] = 0x1F;
                sha.Update(scratch, 0, 1);
                Absorb(sha, b, scratch);
            }
            if (c != null)
            {
                scratch[0] = 0x1F;
                sha.Update(scratch, 0, 1);
                Absorb(sha, c, scratch);
            }
            byte[] digest = scratch;
            sha.Final(digest, 0);
            Array.Copy(digest, 0, output, 0, count);
        }

        private static void Absorb(Sha256 sha, string text, byte[] scratch)
        {
            int index = 0;
            while (index < text.Length)
            {
                int n = Utf8.Encode(text, ref index, scratch, 0, scratch.Length);
                if (n == 0) throw new ArgumentException("scratch buffer too small");
                sha.Update(scratch, 0, n);
            }
        }
    }
}
