using FlaxGuard.Engine.Facts;
using FlaxGuard.Engine.Text;

namespace FlaxGuard.Engine.Probes.OpenWrt
{
    /// <summary>
    /// How the admin services let people in, beyond where they listen (<see cref="ServiceFacts"/>): uci config uhttpd
    /// (luci-mod-system-uhttpd / luci-access grant uci read) gives openwrt.web.interpreter.&lt;ext&gt; = the program
    /// uhttpd runs for files with that extension (none on a stock image: an added ".sh=/bin/sh" turns every script
    /// written under the web root into a remote shell), openwrt.web.home, openwrt.web.cgi-prefix,
    /// openwrt.web.lua-prefix and openwrt.web.ucode-prefix (what the web server serves and runs);
    /// uci config dropbear (luci-mod-system-ssh) gives openwrt.ssh.password-auth, openwrt.ssh.root-password-auth and
    /// openwrt.ssh.root-login = on|off of the enabled instances (dropbear's defaults when unset: on).
    /// </summary>
    public static class AdminServiceFacts
    {
        public const int MaxInterpreters = 16;

        public static readonly string[] UhttpdOptions = new string[] { "listen_http", "listen_https", "home", "cgi_prefix", "lua_prefix", "ucode_prefix", "interpreter" };
        public static readonly string[] DropbearOptions = new string[] { "enable", "Port", "Interface", "DirectInterface", "GatewayPorts", "PasswordAuth", "RootPasswordAuth", "RootLogin" };

        public static void ReadUhttpd(UciPackage uhttpd, OpenWrtFactSheet sheet)
        {
            UciSection[] servers = uhttpd.OfType("uhttpd");
            int interpreters = 0;
            for (int i = 0; i < servers.Length; i++)
            {
                UciSection s = servers[i];
                Path(sheet, "openwrt.web.home", s.Words("home"));
                Path(sheet, "openwrt.web.cgi-prefix", s.Words("cgi_prefix"));
                Path(sheet, "openwrt.web.lua-prefix", s.Words("lua_prefix"));
                Path(sheet, "openwrt.web.ucode-prefix", s.Words("ucode_prefix"));
                string[] entries = s.Words("interpreter");
                for (int k = 0; k < entries.Length; k++)
                {
                    if (++interpreters > MaxInterpreters)
                    {
                        ReadLimits.Add(sheet, "uhttpd-interpreters", "more than " + MaxInterpreters.ToString() + " interpreter entries in uci config uhttpd; the rest were not read");
                        return;
                    }
                    // ".ext=/path/to/program" (uhttpd -i); an entry without '=' is still an interpreter uhttpd was told about.
                    string entry = entries[k];
                    int eq = entry.IndexOf('=');
                    string ext = eq < 0 ? entry : entry.Substring(0, eq);
                    string program = eq < 0 ? "?" : entry.Substring(eq + 1);
                    sheet.Add(sheet.Text.Clear().Append("openwrt.web.interpreter.").AppendKeySegment(ext, 32).ToString(), FactText.Clean(program, 120), FactKind.Config);
                }
            }
        }

        public static void ReadDropbear(UciPackage dropbear, OpenWrtFactSheet sheet)
        {
            UciSection[] instances = dropbear.OfType("dropbear");
            for (int i = 0; i < instances.Length; i++)
            {
                UciSection d = instances[i];
                if (!d.Flag("enable", true)) continue;
                sheet.Add("openwrt.ssh.password-auth", OnOff(d.Flag("PasswordAuth", true)), FactKind.Config);
                sheet.Add("openwrt.ssh.root-password-auth", OnOff(d.Flag("RootPasswordAuth", true)), FactKind.Config);
                sheet.Add("openwrt.ssh.root-login", OnOff(d.Flag("RootLogin", true)), FactKind.Config);
            }
        }

        private static void Path(OpenWrtFactSheet sheet, string key, string[] words)
        {
            for (int i = 0; i < words.Length && i < 8; i++) sheet.Add(key, FactText.Clean(words[i], 120), FactKind.Config);
        }

        private static string OnOff(bool on)
        {
            return on ? "on" : "off";
        }
    }
}
