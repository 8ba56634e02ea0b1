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
            string servers = RouterOsShape.Field(dns, "servers");
            if (servers == null) return "the DNS settings do not list \"servers\"";
            if (RouterOsShape.Field(dns, "allow-remote-requests") == null) return "the DNS settings do not say whether remote requests are allowed";
            string problem = null;
            bool remote = RouterOsShape.IsSet(dns, "allow-remote-requests", false, ref problem);
            if (problem != null) return "the DNS settings: " + problem;
            string[] list = RouterOsText.NormalizeList(servers);
            for (int i = 0; i < list.Length; i++)
            {
                facts.Add("cfg.dns.server." + FactText.KeySegment(list[i], 64), "configured", FactKind.Config);
            }
            if (remote) facts.Add("cfg.dns.remote-requests", "on", FactKind.Config);
            string doh = RouterOsSystemFacts.Clean(RouterOsShape.Field(dns, "use-doh-server"), 200);
            if (doh.Length > 0) facts.Add("cfg.dns.doh", doh, FactKind.Config);
            return null;
        }

        /// <summary>cfg.forward.PROTO.PORT = "to-addresses:to-ports" for each enabled, static dstnat rule with action dst-nat.</summary>
        public static string FromNat(JsonValue rules, RouterOsFactBuffer facts)
        {
            for (int i = 0; i < rules.Count; i++)
            {
                JsonValue rule = rules.Item(i);
                string problem = null;
                bool disabled = RouterOsShape.IsSet(rule, "disabled", false, ref problem);
                bool dynamic = RouterOsShape.IsSet(rule, "dynamic", false, ref problem);
                if (problem != null) return "NAT rule " + (i + 1).ToString() + ": " + problem;
                string chain = Lower(RouterOsShape.Field(rule, "chain"), 32);
                string action = Lower(RouterOsShape.Field(rule, "action"), 32);
                if (chain.Length == 0) return "NAT rule " + (i + 1).ToString() + " has no chain";
                if (disabled || dynamic || chain != "dstnat" || action != "dst-nat") continue;
                string protocol = Lower(RouterOsShape.Field(rule, "protocol"), 16);
                string[] ports = RouterOsText.NormalizeList(RouterOsShape.Field(rule, "dst-port"));
                string port = ports.Length == 0 ? "any" : RouterOsText.JoinList(ports);
                string target = Lower(RouterOsShape.Field(rule, "to-addresses"), 100);
                string[] toPorts = RouterOsText.NormalizeList(RouterOsShape.Field(rule, "to-ports"));
                // Without to-ports RouterOS keeps the destination port.
                string targetPort = toPorts.Length == 0 ? port : RouterOsText.JoinList(toPorts);
                string key = "cfg.forward." + FactText.KeySegment(protocol.Length == 0 ? "any" : protocol, 16) + "." + FactText.KeySegment(port, 64);
                facts.Add(key, (target.Length == 0 ? "unset" : target) + ":" + targetPort, FactKind.Config);
            }
            return null;
        }

        public static string FromSocks(JsonValue socks, RouterOsFactBuffer facts)
        {
            string problem = null;
            if (RouterOsShape.Field(socks, "enabled") == null) return "the SOCKS settings do not say whether SOCKS is enabled";
            bool enabled = RouterOsShape.IsSet(socks, "enabled", false, ref problem);
            if (problem != null) return "the SOCKS settings: " + problem;
            if (!enabled) return null;
            string value = "port=" + Lower(RouterOsShape.Field(socks, "port"), 8);
            string version = Lower(RouterOsShape.Field(socks, "version"), 8);
            if (version.Length > 0) value = value + " version=" + version;
            string auth = Lower(RouterOsShape.Field(socks, "auth-method"), 16);
            if (auth.Length > 0) value = value + " auth=" + auth;
            facts.Add("cfg.proxy.socks", value, FactKind.Config);
            return null;
        }

        public static string FromWebProxy(JsonValue proxy, RouterOsFactBuffer facts)
        {
            string problem = null;
            if (RouterOsShape.Field(proxy, "enabled") == null) return "the web proxy settings do not say whether the proxy is enabled";
            bool enabled = RouterOsShape.IsSet(proxy, "enabled", false, ref problem);
            if (problem != null) return "the web proxy settings: " + problem;
            if (!enabled) return null;
            string value = "port=" + Lower(RouterOsShape.Field(proxy, "port"), 8);
            string parent = Lower(RouterOsShape.Field(proxy, "parent-proxy"), 64);
            if (parent.Length > 0 && parent != "0.0.0.0" && parent != "::") value = value + " parent=" + parent;
            facts.Add("cfg.proxy.web", value, FactKind.Config);
            return null;
        }

        private static string Lower(string raw, int max)
        {
            return Ordinal.ToLowerAscii(RouterOsSystemFacts.Clean(raw, max));
        }
    }
}
