using System.Collections;
using FlaxGuard.Engine.Crypto;
using FlaxGuard.Engine.Facts;
using FlaxGuard.Engine.Text;

namespace FlaxGuard.Engine.Probes.OpenWrt
{
    /// <summary>
    /// Keys in dropbear's authorized_keys (root's, on OpenWrt): cfg.sshkey.&lt;first 16 hex of SHA-256 of the
    /// base64 key text&gt; = "root &lt;key type&gt;". Option prefixes (command="...", no-pty) and comments do not
    /// change the key id. A line that is not a key but is not a comment either still becomes a fact (type
    /// "unknown", id from the whole line), so nothing in the file goes unseen.
    /// </summary>
    public static class SshKeyFacts
    {
        public const int MaxLines = 256;

        public static void Read(string fileText, string user, OpenWrtFactSheet sheet)
        {
            if (fileText == null) return;
            int lines = 0;
            TextLines reader = sheet.Lines(fileText);
            while (reader.Next())
            {
                // The line, trimmed, read in place.
                reader.Trim();
                if (reader.IsEmptyOrComment('#')) continue;
                int from = reader.Start;
                int end = reader.End;
                if (++lines > MaxLines) throw new UbusDataException("the SSH key file has more than " + MaxLines.ToString() + " lines");
                int typeStart, typeEnd, blobStart, blobEnd;
                Parse(fileText, from, end, out typeStart, out typeEnd, out blobStart, out blobEnd);
                bool key = typeStart >= 0;
                TextDigest digest = sheet.Digest.Start();
                if (key) digest.Add(fileText, blobStart, blobEnd - blobStart);
                else digest.Add(fileText, from, end - from);
                string factKey = digest.FinishHex16(sheet.Text.Clear().Append("cfg.sshkey.")).ToString();
                TextBuilder value = sheet.Text.Clear().Append(user).Append(' ');
                if (!key) value.Append("unknown");
                else for (int k = typeStart; k < typeEnd; k++) value.Append(Ordinal.LowerAscii(fileText[k]));
                sheet.Add(factKey, value.ToString(), FactKind.Config);
            }
        }

        // Parse on the line text[from, end): the bounds of the type and blob tokens, all -1 when the line is not a key.
        private static void Parse(string text, int from, int end, out int typeStart, out int typeEnd, out int blobStart, out int blobEnd)
        {
            typeStart = typeEnd = blobStart = blobEnd = -1;
            int[] bounds = new int[6];
            int tokens = Tokens(text, from, end, bounds, 3);
            int at = 0;
            if (tokens > 0 && !IsKeyType(text, bounds[0], bounds[1])) at = 1;
            if (tokens < at + 2 || !IsKeyType(text, bounds[at * 2], bounds[at * 2 + 1])) return;
            typeStart = bounds[at * 2];
            typeEnd = bounds[at * 2 + 1];
            blobStart = bounds[at * 2 + 2];
            blobEnd = bounds[at * 2 + 3];
        }

        private static bool IsKeyType(string text, int start, int end)
        {
            return StartsWithAt(text, start, end, "ssh-") || StartsWithAt(text, start, end, "ecdsa-") || StartsWithAt(text, start, end, "sk-");
        }

        private static bool StartsWithAt(string text, int start, int end, string prefix)
        {
            if (end - start < prefix.Length) return false;
            for (int k = 0; k < prefix.Length; k++)
            {
                if (text[start + k] != prefix[k]) return false;
            }
            return true;
        }

        // Tokens as Tokens(line, max) finds them, as start/end pairs into bounds; returns how many.
        private static int Tokens(string line, int from, int end, int[] bounds, int max)
        {
            int count = 0;
            int i = from;
            while (i < end && count < max)
            {
                while (i < end && line[i] <= ' ') i++;
                if (i >= end) break;
                int begin = i;
                bool quoted = false;
                while (i < end && (quoted || line[i] > ' '))
                {
                    if (line[i] == '"') quoted = !quoted;
                    i++;
                }
                bounds[count * 2] = begin;
                bounds[count * 2 + 1] = i;
                count++;
            }
            return count;
        }

        /// <summary>Splits a key line into its type and base64 blob; both null when the line is not a key.</summary>
        public static void Parse(string line, out string type, out string blob)
        {
            type = null;
            blob = null;
            ArrayList tokens = Tokens(line, 3);
            int at = 0;
            if (tokens.Count > 0 && !IsKeyType((string)tokens[0])) at = 1;
            if (tokens.Count < at + 2 || !IsKeyType((string)tokens[at])) return;
            type = (string)tokens[at];
            blob = (string)tokens[at + 1];
        }

        public static bool IsKeyType(string token)
        {
            return Ordinal.StartsWith(token, "ssh-") || Ordinal.StartsWith(token, "ecdsa-") || Ordinal.StartsWith(token, "sk-");
        }

        /// <summary>First 16 hex digits of SHA-256 of the text's UTF-8 bytes.</summary>
        public static string Id(string text)
        {
            return new TextDigest().Hex16(text);
        }

        // White-space separated tokens; double quotes (in the options field) keep blanks inside one token.
        private static ArrayList Tokens(string line, int max)
        {
            ArrayList tokens = new ArrayList();
            int i = 0;
            while (i < line.Length && tokens.Count < max)
            {
                while (i < line.Length && line[i] <= ' ') i++;
                if (i >= line.Length) break;
                int begin = i;
                bool quoted = false;
                while (i < line.Length && (quoted || line[i] > ' '))
                {
                    if (line[i] == '"') quoted = !quoted;
                    i++;
                }
                tokens.Add(line.Substring(begin, i - begin));
            }
            return tokens;
        }
    }
}
