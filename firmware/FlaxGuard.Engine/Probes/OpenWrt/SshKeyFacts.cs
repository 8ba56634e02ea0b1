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
            int start = 0;
            for (int i = 0; i <= fileText.Length; i++)
            {
                if (i < fileText.Length && fileText[i] != '\n') continue;
                string line = fileText.Substring(start, i - start).Trim();
                start = i + 1;
                if (line.Length == 0 || line[0] == '#') continue;
                if (++lines > MaxLines) throw new UbusDataException("the SSH key file has more than " + MaxLines.ToString() + " lines");
                string type;
                string blob;
                Parse(line, out type, out blob);
                string id = type == null ? Id(line) : Id(blob);
                sheet.Add("cfg.sshkey." + id, user + " " + (type == null ? "unknown" : Ordinal.ToLowerAscii(type)), FactKind.Config);
            }
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
            return Hex.Encode(Sha256.Hash(Utf8.GetBytes(text)), 0, 8);
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
