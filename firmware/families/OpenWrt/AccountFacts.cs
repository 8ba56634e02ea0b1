using FlaxGuard.Engine.Facts;
using FlaxGuard.Engine.Text;

namespace FlaxGuard.Engine.Probes.OpenWrt
{
    /// <summary>
    /// Accounts that may log in over ubus/LuCI: the "login" sections of uci config "rpcd". The role comes from
    /// the read/write ACL group lists, which rpcd honours only as uci lists: admin (write "*"), write (some
    /// write groups), read, or none; openwrt.rpcd-admin.&lt;user&gt; for each admin. Password fields are never read into facts.
    /// </summary>
    public static class AccountFacts
    {
        public static void Read(UciPackage rpcd, OpenWrtFactSheet sheet)
        {
            UciSection[] logins = rpcd.OfType("login");
            for (int i = 0; i < logins.Length; i++)
            {
                string user = logins[i].Option("username");
                // rpcd skips a login section without a user name string.
                if (user == null || user.Length == 0) continue;
                string role = Role(logins[i]);
                sheet.Add(sheet.Text.Clear().Append("cfg.user.").AppendKeySegment(user, 100).ToString(), role, FactKind.Config);
                // Its own key, so promoting an existing account to admin is an added fact, as serious as a new admin.
                if (role == "admin") sheet.Add(sheet.Text.Clear().Append("openwrt.rpcd-admin.").AppendKeySegment(user, 100).ToString(), "write *", FactKind.Config);
            }
        }

        public static string Role(UciSection login)
        {
            // Only lists count, so a plain string option is the same as none (Items is not asked for it).
            if (login.IsList("write"))
            {
                string[] write = login.Items("write");
                for (int i = 0; i < write.Length; i++)
                {
                    if (write[i] == "*") return "admin";
                }
                if (write.Length > 0) return "write";
            }
            if (login.IsList("read") && login.Items("read").Length > 0) return "read";
            return "none";
        }
    }
}
