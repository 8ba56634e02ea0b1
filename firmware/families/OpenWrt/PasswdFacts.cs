using FlaxGuard.Engine.Facts;
using FlaxGuard.Engine.Text;

namespace FlaxGuard.Engine.Probes.OpenWrt
{
    /// <summary>
    /// Login accounts of the system (/etc/passwd, read with rpcd's file.read, which LuCI's luci-access ACL grants):
    /// openwrt.account.&lt;name&gt; = "uid=N shell=S", and openwrt.account.&lt;name&gt;.root = "uid 0" for every account
    /// with user id 0, so a new root account and an account promoted to uid 0 are both an added fact. Password
    /// fields are never read into facts (OpenWrt keeps hashes in /etc/shadow, which is not read at all).
    /// </summary>
    public static class PasswdFacts
    {
        public const int MaxLines = 256;

        public static void Read(string text, OpenWrtFactSheet sheet)
        {
            if (text == null) return;
            int lines = 0;
            TextLines reader = sheet.Lines(text);
            while (ReadLimits.NextSetting(reader, ref lines, MaxLines, sheet, "passwd", "lines", "/etc/passwd"))
            {
                // name:password:uid:gid:gecos:home:shell: read in place; only the key and the value become strings.
                int start = reader.Start, end = reader.End;
                int c1 = reader.IndexOf(':', start);
                int c2 = c1 < 0 ? -1 : reader.IndexOf(':', c1 + 1);
                int c3 = c2 < 0 ? -1 : reader.IndexOf(':', c2 + 1);
                int c6 = -1;
                int colons = 0;
                for (int k = start; k < end; k++)
                {
                    if (text[k] != ':') continue;
                    colons++;
                    c6 = k;
                }
                if (c1 <= start || c3 < 0 || colons < 6) throw new UbusDataException("/etc/passwd has a line that is not name:password:uid:gid:gecos:home:shell");
                int uid = Number(text, c2 + 1, c3);
                if (uid < 0) throw new UbusDataException("/etc/passwd has an account whose user id is not a number");
                string key = sheet.Text.Clear().Append("openwrt.account.").AppendKeySegment(text, start, c1 - start, 64).ToString();
                sheet.Add(key, sheet.Text.Clear().Append("uid=").Append(uid).Append(" shell=").AppendClean(text, c6 + 1, end - c6 - 1, 64).ToString(), FactKind.Config);
                if (uid == 0) sheet.Add(key + ".root", "uid 0", FactKind.Config);
            }
        }

        // Decimal digits text[start, end) as a number up to 9 digits (uids reach 65534 and beyond), -1 otherwise.
        private static int Number(string text, int start, int end)
        {
            if (end <= start || end - start > 9) return -1;
            int n = 0;
            for (int i = start; i < end; i++)
            {
                char c = text[i];
                if (c < '0' || c > '9') return -1;
                n = n * 10 + (c - '0');
            }
            return n;
        }
    }
}
