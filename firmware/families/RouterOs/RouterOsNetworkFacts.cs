using FlaxGuard.Engine.Facts;
using FlaxGuard.Engine.Json;
using FlaxGuard.Engine.Text;

namespace FlaxGuard.Engine.Probes.RouterOs
{
    /// <summary>
    /// Where the router sends names and traffic: /ip/dns (configured servers, answering for others, DNS over HTTPS),
    /// /ip/firewall/nat dst-nat rules (port forwards), /ip/socks and /ip/proxy. Servers learned over DHCP
    /// ("dynamic-servers") and dynamic NAT rules (UPnP, covered by the UPnP probe) come and go by themselves and are
    /// left out, as are the rules' byte and packet counters.
    /// </summary>
    public static class RouterOsNetworkFacts
    {
        public static string FromDns(JsonValue dns, RouterOsFactBuffer facts)
        {
            string servers = RouterOsShape.CheckedField(dns, "servers");
            if (servers == null) return "the DNS settings do not list \"servers\"";
            string remoteRequests = RouterOsShape.CheckedField(dns, "allow-remote-requests");
            if (remoteRequests == null) return "the DNS settings do not say whether remote requests are allowed";
            string problem = null;
            bool remote = RouterOsShape.FlagValue(remoteRequests, "allow-remote-requests", false, ref problem);
            if (problem != null) return "the DNS settings: " + problem;
            string[] list = RouterOsText.NormalizeList(servers);
            for (int i = 0; i < list.Length; i++)
            {
                facts.Add(facts.Text.Clear().Append("cfg.dns.server.").AppendKeySegment(list[i], 64).ToString(), "configured", FactKind.Config);
            }
            if (remote) facts.Add("cfg.dns.remote-requests", "on", FactKind.Config);
            string doh = RouterOsSystemFacts.Clean(RouterOsShape.CheckedField(dns, "use-doh-server"), 200);
            if (doh.Length > 0) facts.Add("cfg.dns.doh", doh, FactKind.Config);
            return null;
        }

        /// <summary>
        /// /ip/dns/static: cfg.dns.static.NAME (or cfg.dns.static.re:REGEXP) = "TYPE TARGET" for each enabled, static entry.
        /// A static entry answers before any upstream server, so it hijacks one name without touching the server list.
        /// Dynamic entries (from DHCP leases) come and go by themselves.
        /// </summary>
        public static string FromDnsStatic(JsonValue entries, RouterOsFactBuffer facts)
        {
            for (int i = 0; i < entries.Count; i++)
            {
                JsonValue entry = entries.Item(i);
                string problem = null;
                bool disabled = RouterOsShape.IsSetChecked(entry, "disabled", false, ref problem);
                bool dynamic = RouterOsShape.IsSetChecked(entry, "dynamic", false, ref problem);
                if (problem != null) return "static DNS entry " + (i + 1).ToString() + ": " + problem;
                if (disabled || dynamic) continue;
                string name = Lower(RouterOsShape.CheckedField(entry, "name"), 100);
                string regexp = RouterOsSystemFacts.Clean(RouterOsShape.CheckedField(entry, "regexp"), 100);
                if (name.Length == 0 && regexp.Length == 0) return "static DNS entry " + (i + 1).ToString() + " has neither a name nor a regexp";
                string type = Lower(RouterOsShape.CheckedField(entry, "type"), 16);
                if (type.Length == 0) type = "a";
                string target = Lower(RouterOsShape.CheckedField(entry, "address"), 100);
                if (target.Length == 0) target = Lower(RouterOsShape.CheckedField(entry, "cname"), 100);
                if (target.Length == 0) target = Lower(RouterOsShape.CheckedField(entry, "forward-to"), 100);
                if (target.Length == 0) target = Lower(RouterOsShape.CheckedField(entry, "text"), 100);
                TextBuilder text = facts.Text.Clear().Append("cfg.dns.static.");
                if (name.Length > 0) text.AppendKeySegment(name, 100);
                else text.Append("re:").AppendKeySegment(regexp, 100);
                string key = text.ToString();
                facts.Add(key, text.Clear().Append(type).Append(' ').Append(target.Length == 0 ? "none" : target).ToString(), FactKind.Config);
            }
            return null;
        }

        /// <summary>cfg.forward.PROTO.PORT = "to-addresses:to-ports" for each enabled, static dstnat rule with action dst-nat.</summary>
        public static string FromNat(JsonValue rules, RouterOsFactBuffer facts)
        {
            for (int i = 0; i < rules.Count; i++)
            {
                JsonValue rule = rules.Item(i);
                string problem = null;
                bool disabled = RouterOsShape.IsSetChecked(rule, "disabled", false, ref problem);
                bool dynamic = RouterOsShape.IsSetChecked(rule, "dynamic", false, ref problem);
                if (problem != null) return "NAT rule " + (i + 1).ToString() + ": " + problem;
                // The chain and action as RouterOS writes them are compared in place; other spellings are read and cleaned.
                bool dstnat = rule.MemberTextEquals("chain", "dstnat");
                if (!dstnat && rule.MemberTextEquals("chain", "srcnat")) continue;
                if (dstnat && (disabled || dynamic)) continue;
                string chain = dstnat ? "dstnat" : Lower(RouterOsShape.CheckedField(rule, "chain"), 32);
                string action = rule.MemberTextEquals("action", "dst-nat") ? "dst-nat" : Lower(RouterOsShape.CheckedField(rule, "action"), 32);
                if (chain.Length == 0) return "NAT rule " + (i + 1).ToString() + " has no chain";
                if (disabled || dynamic || chain != "dstnat" || action != "dst-nat") continue;
                string protocol = Lower(RouterOsShape.CheckedField(rule, "protocol"), 16);
                string[] ports = RouterOsText.NormalizeList(RouterOsShape.CheckedField(rule, "dst-port"));
                string port = ports.Length == 0 ? "any" : ports.Length == 1 ? ports[0] : RouterOsText.JoinList(ports);
                string target = Lower(RouterOsShape.CheckedField(rule, "to-addresses"), 100);
                string[] toPorts = RouterOsText.NormalizeList(RouterOsShape.CheckedField(rule, "to-ports"));
                TextBuilder text = facts.Text.Clear().Append("cfg.forward.").AppendKeySegment(protocol.Length == 0 ? "any" : protocol, 16).Append('.').AppendKeySegment(port, 64);
                string key = text.ToString();
                text.Clear().Append(target.Length == 0 ? "unset" : target).Append(':');
                // Without to-ports RouterOS keeps the destination port.
                if (toPorts.Length == 0) text.Append(port);
                else RouterOsText.AppendList(text, toPorts);
                facts.Add(key, text.ToString(), FactKind.Config);
            }
            return null;
        }

        public static string FromSocks(JsonValue socks, RouterOsFactBuffer facts)
        {
            string problem = null;
            string enabledText = RouterOsShape.CheckedField(socks, "enabled");
            if (enabledText == null) return "the SOCKS settings do not say whether SOCKS is enabled";
            bool enabled = RouterOsShape.FlagValue(enabledText, "enabled", false, ref problem);
            if (problem != null) return "the SOCKS settings: " + problem;
            if (!enabled) return null;
            TextBuilder value = facts.Text.Clear().Append("port=").Append(Lower(RouterOsShape.CheckedField(socks, "port"), 8));
            string version = Lower(RouterOsShape.CheckedField(socks, "version"), 8);
            if (version.Length > 0) value.Append(" version=").Append(version);
            string auth = Lower(RouterOsShape.CheckedField(socks, "auth-method"), 16);
            if (auth.Length > 0) value.Append(" auth=").Append(auth);
            facts.Add("cfg.proxy.socks", value.ToString(), FactKind.Config);
            return null;
        }

        public static string FromWebProxy(JsonValue proxy, RouterOsFactBuffer facts)
        {
            string problem = null;
            string enabledText = RouterOsShape.CheckedField(proxy, "enabled");
            if (enabledText == null) return "the web proxy settings do not say whether the proxy is enabled";
            bool enabled = RouterOsShape.FlagValue(enabledText, "enabled", false, ref problem);
            if (problem != null) return "the web proxy settings: " + problem;
            if (!enabled) return null;
            TextBuilder value = facts.Text.Clear().Append("port=").Append(Lower(RouterOsShape.CheckedField(proxy, "port"), 8));
            string parent = Lower(RouterOsShape.CheckedField(proxy, "parent-proxy"), 64);
            if (parent.Length > 0 && parent != "0.0.0.0" && parent != "::") value.Append(" parent=").Append(parent);
            facts.Add("cfg.proxy.web", value.ToString(), FactKind.Config);
            return null;
        }

        // "servers" since 7.x; primary-ntp, secondary-ntp and server-dns-names before.
        private static readonly string[] NtpServerFields = new string[] { "servers", "primary-ntp", "secondary-ntp", "server-dns-names" };

        /// <summary>
        /// /system/ntp/client: cfg.ntp.server.ADDRESS = "configured" for each configured server while the client is on
        /// (a clock the attacker sets breaks certificate and log times). Servers learned over DHCP and the sync state are not read.
        /// </summary>
        public static string FromNtpClient(JsonValue client, RouterOsFactBuffer facts)
        {
            string problem = null;
            bool enabled = RouterOsShape.IsSetChecked(client, "enabled", false, ref problem);
            if (problem != null) return "the NTP client settings: " + problem;
            if (!enabled) return null;
            for (int f = 0; f < NtpServerFields.Length; f++)
            {
                string[] list = RouterOsText.NormalizeList(RouterOsShape.CheckedField(client, NtpServerFields[f]));
                for (int i = 0; i < list.Length; i++)
                {
                    if (list[i] == "0.0.0.0" || list[i] == "::") continue;
                    facts.Add(facts.Text.Clear().Append("cfg.ntp.server.").AppendKeySegment(list[i], 64).ToString(), "configured", FactKind.Config);
                }
            }
            return null;
        }

        private static string Lower(string raw, int max)
        {
            return Ordinal.ToLowerAscii(RouterOsSystemFacts.Clean(raw, max));
        }
    }
}
