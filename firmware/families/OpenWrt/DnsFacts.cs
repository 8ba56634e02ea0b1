using FlaxGuard.Engine.Facts;
using FlaxGuard.Engine.Text;

namespace FlaxGuard.Engine.Probes.OpenWrt
{
    /// <summary>
    /// DNS settings an intruder changes to hijack name lookups:
    /// cfg.dns.server.&lt;entry&gt; for the resolvers the router itself uses (network interface "dns" lists and
    /// dnsmasq "server" entries, kept whole so "/domain/address" forwards stay distinct);
    /// cfg.dns.dhcp.&lt;address&gt; for resolvers handed to clients (dhcp_option 6 / option:dns-server, odhcpd "dns");
    /// cfg.dns.remote-requests = on when dnsmasq answers everyone (localservice off, no interface restriction)
    /// and the firewall lets port 53 in from the WAN; cfg.dns.address.&lt;/domain/ip&gt; for dnsmasq address= lines,
    /// cfg.dns.file.&lt;option&gt;.&lt;path&gt; for extra hosts files, servers files and config folders; "host" and "tag"
    /// sections' dhcp_option DNS servers (per-client options) count as handed out.
    /// </summary>
    public static class DnsFacts
    {
        public static void Read(UciPackage network, UciPackage dhcp, FirewallModel firewall, OpenWrtFactSheet sheet)
        {
            UciSection[] interfaces = network.OfType("interface");
            for (int i = 0; i < interfaces.Length; i++) AddServers(interfaces[i].Words("dns"), sheet);

            UciSection[] dnsmasqs = dhcp.OfType("dnsmasq");
            for (int i = 0; i < dnsmasqs.Length; i++)
            {
                AddServers(dnsmasqs[i].Words("server"), sheet);
                // address=/domain/ip answers a name itself; extra hosts files and config folders add more of both.
                AddEntries("cfg.dns.address.", dnsmasqs[i].Words("address"), sheet);
                AddEntries("cfg.dns.file.addnhosts.", dnsmasqs[i].Words("addnhosts"), sheet);
                AddEntries("cfg.dns.file.serversfile.", dnsmasqs[i].Words("serversfile"), sheet);
                AddEntries("cfg.dns.file.confdir.", dnsmasqs[i].Words("confdir"), sheet);
                bool restricted = HasWords(dnsmasqs[i], "interface") || HasWords(dnsmasqs[i], "notinterface");
                if (!dnsmasqs[i].Flag("localservice", false) && !restricted && (firewall.WanReach(53, "udp") != null || firewall.WanReach(53, "tcp") != null))
                {
                    sheet.Add("cfg.dns.remote-requests", "on", FactKind.Config);
                }
            }

            UciSection[] pools = dhcp.OfType("dhcp");
            for (int i = 0; i < pools.Length; i++)
            {
                if (pools[i].Flag("ignore", false)) continue;
                AddHandedOut(pools[i].Items("dhcp_option"), sheet);
                AddHandedOut(pools[i].Items("dhcp_option_force"), sheet);
                string[] v6 = pools[i].Words("dns");
                for (int k = 0; k < v6.Length; k++) AddClientServer(v6[k], sheet);
            }

            // Per-client options: a "host" (static lease) or "tag" section can hand one client another DNS server.
            UciSection[] hosts = dhcp.OfType("host");
            for (int i = 0; i < hosts.Length; i++) AddHandedOut(hosts[i].Items("dhcp_option"), sheet);
            UciSection[] tags = dhcp.OfType("tag");
            for (int i = 0; i < tags.Length; i++)
            {
                AddHandedOut(tags[i].Items("dhcp_option"), sheet);
                AddHandedOut(tags[i].Items("dhcp_option_force"), sheet);
            }
        }

        // Whether Words(option) would find any word (without collecting them).
        private static bool HasWords(UciSection section, string option)
        {
            string[] items = section.Items(option);
            for (int i = 0; i < items.Length; i++)
            {
                if (UciText.CountWords(items[i]) > 0) return true;
            }
            return false;
        }

        private static void AddEntries(string prefix, string[] entries, OpenWrtFactSheet sheet)
        {
            for (int i = 0; i < entries.Length; i++) AddEntry(prefix, entries[i], sheet);
        }

        /// <summary>prefix + the entry (lower-cased) = configured: an address= line, an extra file or folder.</summary>
        internal static void AddEntry(string prefix, string entry, OpenWrtFactSheet sheet)
        {
            sheet.Add(sheet.Text.Clear().Append(prefix).AppendKeySegment(UciText.Lower(entry), 100).ToString(), "configured", FactKind.Config);
        }

        private static void AddServers(string[] entries, OpenWrtFactSheet sheet)
        {
            for (int i = 0; i < entries.Length; i++) AddEntry("cfg.dns.server.", entries[i], sheet);
        }

        private static void AddHandedOut(string[] options, OpenWrtFactSheet sheet)
        {
            for (int i = 0; i < options.Length; i++) AddHandedOut(options[i], sheet);
        }

        /// <summary>dnsmasq dhcp-option syntax: [tag:x,]6,addr[,addr] or option:dns-server,addr[,addr] (option6:dns-server for v6).</summary>
        internal static void AddHandedOut(string option, OpenWrtFactSheet sheet)
        {
            string[] parts = option.Split(',');
            int at = -1;
            for (int k = 0; k < parts.Length; k++)
            {
                string p = UciText.Lower(parts[k]);
                if (p == "6" || p == "option:dns-server" || p == "option:6" || p == "option6:dns-server" || p == "option6:23")
                {
                    at = k;
                    break;
                }
                // Only tags and the option may come before the addresses.
                if (!Ordinal.StartsWith(p, "tag:") && !Ordinal.StartsWith(p, "encap:") && !Ordinal.StartsWith(p, "vi-encap:")) break;
            }
            if (at < 0) return;
            for (int k = at + 1; k < parts.Length; k++) AddClientServer(parts[k], sheet);
        }

        private static void AddClientServer(string address, OpenWrtFactSheet sheet)
        {
            string a = UciText.Lower(address);
            if (a.Length > 1 && a[0] == '[' && a[a.Length - 1] == ']') a = a.Substring(1, a.Length - 2);
            if (a.Length == 0) return;
            sheet.Add(sheet.Text.Clear().Append("cfg.dns.dhcp.").AppendKeySegment(a, 100).ToString(), "configured", FactKind.Config);
        }
    }
}
