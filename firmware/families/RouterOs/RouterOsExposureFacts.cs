using FlaxGuard.Engine.Facts;
using FlaxGuard.Engine.Json;
using FlaxGuard.Engine.Text;

namespace FlaxGuard.Engine.Probes.RouterOs
{
    /// <summary>
    /// Services that open the router to others (issue 13, third round): who may use the web and SOCKS proxies
    /// (cfg.proxy.web|socks.access.DIGEST, and cfg.proxy.web|socks.open while no rule denies anyone: TrickBot and
    /// Glupteba used MikroTik proxies as open relays), MAC telnet and MAC Winbox interface lists (cfg.mac.telnet|winbox),
    /// the bandwidth-test server (cfg.btest), SMB file sharing (cfg.smb), and where traffic-flow (NetFlow/IPFIX) exports
    /// to (cfg.traffic-flow.target.ADDRESS:PORT). Each is a fact only while switched on. Field names from
    /// community.routeros's _api_data.py (ip/proxy/access, ip/socks/access, tool/mac-server(/mac-winbox),
    /// tool/bandwidth-server, ip/smb, ip/traffic-flow(/target)); counters ("hits") are never read.
    /// </summary>
    public static class RouterOsExposureFacts
    {
        /// <summary>
        /// Access rules of a proxy that is on; <paramref name="prefix"/> is "cfg.proxy.web" or "cfg.proxy.socks". Adds
        /// PREFIX.open when no enabled rule denies anything, since then anyone who reaches the port may relay through it.
        /// </summary>
        public static string FromProxyAccess(JsonValue rules, string prefix, RouterOsFactBuffer facts)
        {
            bool denies = false;
            for (int i = 0; i < rules.Count; i++)
            {
                JsonValue rule = rules.Item(i);
                string problem = null;
                bool disabled = RouterOsShape.IsSetChecked(rule, "disabled", false, ref problem);
                bool dynamic = RouterOsShape.IsSetChecked(rule, "dynamic", false, ref problem);
                if (problem != null) return "access rule " + (i + 1).ToString() + ": " + problem;
                if (disabled || dynamic) continue;
                string action = RouterOsReachFacts.Lower(RouterOsShape.CheckedField(rule, "action"), 16);
                if (action.Length == 0) action = "allow";
                if (action == "deny") denies = true;
                string key = RouterOsFirewallFacts.AppendDigest(rule, facts, facts.Text.Clear().Append(prefix).Append(".access.")).ToString();
                TextBuilder value = facts.Text.Clear().Append(action);
                for (int k = 0; k < AccessShown.Length; k++)
                {
                    string shown = RouterOsText.NormalizedListText(RouterOsShape.CheckedField(rule, AccessShown[k]));
                    if (shown.Length > 0) value.Append(' ').Append(AccessShown[k]).Append('=').Append(FactText.Clean(shown, 64));
                }
                facts.Add(key, value.ToString(), FactKind.Config);
            }
            if (!denies) facts.Add(facts.Text.Clear().Append(prefix).Append(".open").ToString(), "any client", FactKind.Config);
            return null;
        }

        private static readonly string[] AccessShown = new string[] { "src-address", "dst-address", "dst-host", "dst-port", "action-data" };

        /// <summary>/tool/mac-server (kind "telnet") or /tool/mac-server/mac-winbox (kind "winbox"): cfg.mac.KIND = the allowed interface list, unless "none".</summary>
        public static string FromMacServer(JsonValue settings, string kind, RouterOsFactBuffer facts)
        {
            string list = RouterOsText.NormalizedListText(RouterOsShape.CheckedField(settings, "allowed-interface-list"));
            if (list.Length == 0) return "the MAC " + kind + " settings do not name an allowed interface list";
            if (list == "none") return null;
            facts.Add(facts.Text.Clear().Append("cfg.mac.").Append(kind).ToString(), FactText.Clean(list, 64), FactKind.Config);
            return null;
        }

        /// <summary>/tool/bandwidth-server: cfg.btest = "auth=yes|no" while the server runs.</summary>
        public static string FromBandwidthServer(JsonValue settings, RouterOsFactBuffer facts)
        {
            string problem = null;
            bool enabled = RouterOsShape.IsSetChecked(settings, "enabled", false, ref problem);
            bool authenticate = RouterOsShape.IsSetChecked(settings, "authenticate", true, ref problem);
            if (problem != null) return "the bandwidth-test server settings: " + problem;
            if (enabled) facts.Add("cfg.btest", authenticate ? "auth=yes" : "auth=no", FactKind.Config);
            return null;
        }

        /// <summary>/ip/smb: cfg.smb = "enabled=yes|auto interfaces=LIST" unless SMB is off (7.15 and later also know "auto").</summary>
        public static string FromSmb(JsonValue settings, RouterOsFactBuffer facts)
        {
            string enabled = RouterOsReachFacts.Lower(RouterOsShape.CheckedField(settings, "enabled"), 8);
            int flag = RouterOsText.Flag(enabled);
            if (enabled.Length == 0 || flag == 0) return null;
            string interfaces = RouterOsText.NormalizedListText(RouterOsShape.CheckedField(settings, "interfaces"));
            facts.Add("cfg.smb", facts.Text.Clear().Append("enabled=").Append(flag == 1 ? "yes" : enabled).Append(" interfaces=")
                .Append(interfaces.Length == 0 ? "all" : FactText.Clean(interfaces, 64)).ToString(), FactKind.Config);
            return null;
        }

        /// <summary>/ip/traffic-flow: true while flows are exported (the targets matter only then).</summary>
        public static bool TrafficFlowEnabled(JsonValue settings, out string problem)
        {
            problem = null;
            bool enabled = RouterOsShape.IsSetChecked(settings, "enabled", false, ref problem);
            if (problem != null) problem = "the traffic-flow settings: " + problem;
            return enabled;
        }

        /// <summary>
        /// /ip/traffic-flow/target: cfg.traffic-flow.target.ADDRESS:PORT = "version=V" per enabled target ("dst-address"
        /// and "port" since 7.15, one "address" of ADDRESS:PORT before).
        /// </summary>
        public static string FromFlowTargets(JsonValue targets, RouterOsFactBuffer facts)
        {
            for (int i = 0; i < targets.Count; i++)
            {
                JsonValue target = targets.Item(i);
                string problem = null;
                bool disabled = RouterOsShape.IsSetChecked(target, "disabled", false, ref problem);
                if (problem != null) return "traffic-flow target " + (i + 1).ToString() + ": " + problem;
                if (disabled) continue;
                string address = RouterOsText.NormalizedListText(RouterOsShape.CheckedField(target, "dst-address"));
                TextBuilder key = facts.Text.Clear().Append("cfg.traffic-flow.target.");
                if (address.Length > 0)
                {
                    string port = RouterOsReachFacts.Lower(RouterOsShape.CheckedField(target, "port"), 6);
                    key.AppendKeySegment(address, 64).Append(':').Append(port.Length == 0 ? "2055" : port);
                }
                else
                {
                    address = RouterOsText.NormalizedListText(RouterOsShape.CheckedField(target, "address"));
                    if (address.Length == 0) return "traffic-flow target " + (i + 1).ToString() + " has no address";
                    key.AppendKeySegment(address, 72);
                }
                string name = key.ToString();
                string version = RouterOsReachFacts.Lower(RouterOsShape.CheckedField(target, "version"), 8);
                facts.Add(name, facts.Text.Clear().Append("version=").Append(version.Length == 0 ? "default" : version).ToString(), FactKind.Config);
            }
            return null;
        }
    }
}
