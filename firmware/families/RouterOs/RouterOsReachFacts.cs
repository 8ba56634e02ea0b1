using FlaxGuard.Engine.Facts;
using FlaxGuard.Engine.Json;
using FlaxGuard.Engine.Text;

namespace FlaxGuard.Engine.Probes.RouterOs
{
    /// <summary>
    /// Settings that let traffic, logs or control reach beyond the router: /ip/cloud (DDNS, Back To Home VPN),
    /// /ip/upnp, SNMP communities with write access, the packet sniffer streaming to a server, and remote logging
    /// actions. Each becomes a fact only while switched on, so a router that never had them reports nothing.
    /// Status values (public address, cloud status, sniffer "running") change by themselves and are never facts.
    /// </summary>
    public static class RouterOsReachFacts
    {
        /// <summary>/ip/cloud: cfg.cloud.ddns while DDNS is on ("yes" or "auto"); cfg.remote.back-to-home while that VPN is enabled.</summary>
        public static string FromCloud(JsonValue cloud, RouterOsFactBuffer facts)
        {
            string ddns = Lower(RouterOsShape.CheckedField(cloud, "ddns-enabled"), 16);
            if (ddns.Length > 0 && RouterOsText.Flag(ddns) != 0) facts.Add("cfg.cloud.ddns", RouterOsText.Flag(ddns) == 1 ? "on" : ddns, FactKind.Config);
            string home = Lower(RouterOsShape.CheckedField(cloud, "back-to-home-vpn"), 32);
            if (home == "enabled" || RouterOsText.Flag(home) == 1) facts.Add("cfg.remote.back-to-home", "vpn=enabled", FactKind.Config);
            return null;
        }

        /// <summary>/ip/upnp: cfg.upnp = on while any program on the LAN may open ports to the internet.</summary>
        public static string FromUpnp(JsonValue upnp, RouterOsFactBuffer facts)
        {
            string problem = null;
            bool enabled = RouterOsShape.IsSetChecked(upnp, "enabled", false, ref problem);
            if (problem != null) return "the UPnP settings: " + problem;
            if (enabled) facts.Add("cfg.upnp", "on", FactKind.Config);
            return null;
        }

        /// <summary>/snmp: true when the SNMP service runs (communities matter only then).</summary>
        public static bool SnmpEnabled(JsonValue snmp, out string problem)
        {
            problem = null;
            bool enabled = RouterOsShape.IsSetChecked(snmp, "enabled", false, ref problem);
            if (problem != null) problem = "the SNMP settings: " + problem;
            return enabled;
        }

        /// <summary>
        /// /snmp/community: cfg.snmp.write.DIGEST = "from=ADDRESSES" for each enabled community with write access. The
        /// community name is its password, so the key carries a digest of it, never the name.
        /// </summary>
        public static string FromSnmpCommunities(JsonValue communities, RouterOsFactBuffer facts)
        {
            for (int i = 0; i < communities.Count; i++)
            {
                JsonValue community = communities.Item(i);
                string problem = null;
                bool disabled = RouterOsShape.IsSetChecked(community, "disabled", false, ref problem);
                bool write = RouterOsShape.IsSetChecked(community, "write-access", false, ref problem);
                if (problem != null) return "SNMP community " + (i + 1).ToString() + ": " + problem;
                string name = RouterOsShape.CheckedField(community, "name");
                if (name == null || name.Length == 0) return "SNMP community " + (i + 1).ToString() + " has no name";
                if (disabled || !write) continue;
                string[] from = RouterOsText.NormalizeList(RouterOsShape.CheckedField(community, "addresses"));
                string key = facts.Text.Clear().Append("cfg.snmp.write.").Append(facts.Digest.Start().Add("routeros-snmp-community\n").Add(name).FinishHex16()).ToString();
                TextBuilder value = facts.Text.Clear().Append("from=");
                if (from.Length == 0) value.Append("any");
                else RouterOsText.AppendList(value, from);
                facts.Add(key, value.ToString(), FactKind.Config);
            }
            return null;
        }

        /// <summary>/tool/sniffer: cfg.sniffer.stream = the server captured packets are streamed to (TZSP), while streaming is on.</summary>
        public static string FromSniffer(JsonValue sniffer, RouterOsFactBuffer facts)
        {
            string problem = null;
            bool streaming = RouterOsShape.IsSetChecked(sniffer, "streaming-enabled", false, ref problem);
            if (problem != null) return "the sniffer settings: " + problem;
            if (!streaming) return null;
            string server = Lower(RouterOsShape.CheckedField(sniffer, "streaming-server"), 100);
            facts.Add("cfg.sniffer.stream", server.Length == 0 ? "unset" : server, FactKind.Config);
            return null;
        }

        /// <summary>/system/logging/action: cfg.log.remote.NAME = "ADDRESS:PORT" for each action that sends logs to a remote syslog server.</summary>
        public static string FromLoggingActions(JsonValue actions, RouterOsFactBuffer facts)
        {
            for (int i = 0; i < actions.Count; i++)
            {
                JsonValue action = actions.Item(i);
                string name = Lower(RouterOsShape.CheckedField(action, "name"), 64);
                if (name.Length == 0) return "logging action " + (i + 1).ToString() + " has no name";
                if (!action.MemberTextEquals("target", "remote") && Lower(RouterOsShape.CheckedField(action, "target"), 16) != "remote") continue;
                string remote = Lower(RouterOsShape.CheckedField(action, "remote"), 100);
                // The default "remote" action points nowhere until it is set.
                if (remote.Length == 0 || remote == "0.0.0.0" || remote == "::") continue;
                string port = Lower(RouterOsShape.CheckedField(action, "remote-port"), 8);
                facts.Add(facts.Text.Clear().Append("cfg.log.remote.").AppendKeySegment(name, 64).ToString(),
                    facts.Text.Clear().Append(remote).Append(':').Append(port.Length == 0 ? "514" : port).ToString(), FactKind.Config);
            }
            return null;
        }

        internal static string Lower(string raw, int max)
        {
            return Ordinal.ToLowerAscii(RouterOsSystemFacts.Clean(raw, max));
        }
    }
}
