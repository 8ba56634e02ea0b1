using FlaxGuard.Engine.Text;

namespace FlaxGuard.Engine.Probes.OpenWrt
{
    /// <summary>
    /// /etc/dnsmasq.conf, which OpenWrt's dnsmasq init script passes to dnsmasq next to the configuration it writes from
    /// uci config dhcp: lines there redirect names without showing in LuCI or uci. Read into the same facts as their
    /// uci counterparts (DnsFacts): server=/local=/rev-server= → cfg.dns.server.*, address=/host-record= →
    /// cfg.dns.address.*, dhcp-option(-force)= DNS servers → cfg.dns.dhcp.*, and files dnsmasq reads or runs
    /// (addn-hosts, servers-file, conf-dir, conf-file, resolv-file, hostsdir, dhcp-script, dhcp-luascript: a lease
    /// script runs as root on every DHCP event) → cfg.dns.file.&lt;option&gt;.&lt;path&gt;. Every other option is left alone.
    /// </summary>
    public static class DnsmasqConfFacts
    {
        public const int MaxLines = 512;

        // dnsmasq's option name, then the fact prefix its value goes under (null: a DHCP option, read for DNS servers).
        private static readonly string[] Options = new string[]
        {
            "server", "cfg.dns.server.", "local", "cfg.dns.server.", "rev-server", "cfg.dns.server.",
            "address", "cfg.dns.address.", "host-record", "cfg.dns.address.",
            "addn-hosts", "cfg.dns.file.addnhosts.", "servers-file", "cfg.dns.file.serversfile.", "conf-dir", "cfg.dns.file.confdir.",
            "conf-file", "cfg.dns.file.conffile.", "resolv-file", "cfg.dns.file.resolvfile.", "hostsdir", "cfg.dns.file.hostsdir.",
            "dhcp-script", "cfg.dns.file.dhcpscript.", "dhcp-luascript", "cfg.dns.file.dhcpluascript.",
            "dhcp-option", null, "dhcp-option-force", null,
        };

        public static void Read(string text, OpenWrtFactSheet sheet)
        {
            if (text == null) return;
            int lines = 0;
            TextLines reader = sheet.Lines(text);
            while (ReadLimits.NextSetting(reader, ref lines, MaxLines, sheet, "dnsmasq-conf", "lines", "/etc/dnsmasq.conf"))
            {
                int eq = reader.IndexOf('=', reader.Start);
                if (eq < 0) continue;
                int option = Find(text, reader.Start, Blank(text, reader.Start, eq));
                if (option < 0) continue;
                int valueStart = eq + 1;
                while (valueStart < reader.End && TextLines.IsBlank(text[valueStart])) valueStart++;
                if (valueStart >= reader.End) continue;
                // The value is a key segment or a list of DHCP option fields: one string of it, made only for a wanted option.
                string value = text.Substring(valueStart, reader.End - valueStart);
                string prefix = Options[option + 1];
                if (prefix == null) DnsFacts.AddHandedOut(value, sheet);
                else DnsFacts.AddEntry(prefix, value, sheet);
            }
        }

        // Where the option name before '=' ends once blanks are dropped.
        private static int Blank(string text, int start, int eq)
        {
            int end = eq;
            while (end > start && TextLines.IsBlank(text[end - 1])) end--;
            return end;
        }

        // The index in Options of the option named text[start, end), or -1.
        private static int Find(string text, int start, int end)
        {
            for (int i = 0; i < Options.Length; i += 2)
            {
                string name = Options[i];
                if (name.Length != end - start) continue;
                int k = 0;
                // dnsmasq's option names are case-sensitive: "Server=" is not an option it takes.
                while (k < name.Length && text[start + k] == name[k]) k++;
                if (k == name.Length) return i;
            }
            return -1;
        }
    }
}
