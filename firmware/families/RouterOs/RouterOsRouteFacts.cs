using FlaxGuard.Engine.Facts;
using FlaxGuard.Engine.Json;
using FlaxGuard.Engine.Text;

namespace FlaxGuard.Engine.Probes.RouterOs
{
    /// <summary>
    /// Where the router sends traffic and what it tells the LAN (issue 13, third round): static routes of /ip/route
    /// (cfg.route.TABLE.DST), policy rules of /routing/rule (cfg.routing.rule.DIGEST) and what the DHCP server hands
    /// out per network (cfg.dhcp.network.ADDRESS = gateway and DNS server). A new default route or a route through
    /// a tunnel carries the LAN's traffic elsewhere; a DHCP network that pushes another DNS server or gateway
    /// redirects every client without touching the router's own DNS. Dynamic entries (connected networks, routes
    /// learned from DHCP, PPP or routing protocols) and their state ("active", "immediate-gw") change by themselves and
    /// are never facts; field names from community.routeros's _api_data.py (paths ip/route, routing/rule,
    /// ip/dhcp-server/network).
    /// </summary>
    public static class RouterOsRouteFacts
    {
        /// <summary>/ip/route, read with .proplist=dst-address,gateway,routing-table,distance,blackhole,disabled,dynamic.</summary>
        public static string FromRoutes(JsonValue routes, RouterOsFactBuffer facts)
        {
            for (int i = 0; i < routes.Count; i++)
            {
                JsonValue route = routes.Item(i);
                string problem = null;
                bool disabled = RouterOsShape.IsSetChecked(route, "disabled", false, ref problem);
                bool dynamic = RouterOsShape.IsSetChecked(route, "dynamic", false, ref problem);
                if (problem != null) return "route " + (i + 1).ToString() + ": " + problem;
                if (disabled || dynamic) continue;
                string dst = RouterOsReachFacts.Lower(RouterOsShape.CheckedField(route, "dst-address"), 64);
                if (dst.Length == 0) return "route " + (i + 1).ToString() + " has no destination";
                string table = RouterOsReachFacts.Lower(RouterOsShape.CheckedField(route, "routing-table"), 32);
                // "blackhole" is a flag some releases print empty: only an explicit yes counts.
                bool blackhole = RouterOsText.Flag(RouterOsShape.CheckedField(route, "blackhole")) == 1;
                string gateway = RouterOsText.NormalizedListText(RouterOsShape.CheckedField(route, "gateway"));
                string distance = RouterOsReachFacts.Lower(RouterOsShape.CheckedField(route, "distance"), 4);
                string key = facts.Text.Clear().Append("cfg.route.").AppendKeySegment(table.Length == 0 ? "main" : table, 32).Append('.').AppendKeySegment(dst, 64).ToString();
                TextBuilder value = facts.Text.Clear();
                if (blackhole) value.Append("blackhole");
                else value.Append("gw=").Append(gateway.Length == 0 ? "none" : FactText.Clean(gateway, 100));
                if (distance.Length > 0) value.Append(" distance=").Append(distance);
                facts.Add(key, value.ToString(), FactKind.Config);
            }
            return null;
        }

        /// <summary>/routing/rule (RouterOS 7): cfg.routing.rule.DIGEST = what it matches and which table it sends to.</summary>
        public static string FromRoutingRules(JsonValue rules, RouterOsFactBuffer facts)
        {
            for (int i = 0; i < rules.Count; i++)
            {
                JsonValue rule = rules.Item(i);
                string problem = null;
                bool disabled = RouterOsShape.IsSetChecked(rule, "disabled", false, ref problem);
                bool dynamic = RouterOsShape.IsSetChecked(rule, "dynamic", false, ref problem);
                if (problem != null) return "routing rule " + (i + 1).ToString() + ": " + problem;
                if (disabled || dynamic) continue;
                string key = RouterOsFirewallFacts.AppendDigest(rule, facts, facts.Text.Clear().Append("cfg.routing.rule.")).ToString();
                TextBuilder value = facts.Text.Clear();
                string action = RouterOsReachFacts.Lower(RouterOsShape.CheckedField(rule, "action"), 32);
                value.Append(action.Length == 0 ? "lookup" : action);
                for (int k = 0; k < RuleShown.Length; k++)
                {
                    string shown = RouterOsText.NormalizedListText(RouterOsShape.CheckedField(rule, RuleShown[k]));
                    if (shown.Length > 0) value.Append(' ').Append(RuleShown[k]).Append('=').Append(FactText.Clean(shown, 64));
                }
                facts.Add(key, value.ToString(), FactKind.Config);
            }
            return null;
        }

        private static readonly string[] RuleShown = new string[] { "src-address", "dst-address", "interface", "routing-mark", "table" };

        /// <summary>
        /// /ip/dhcp-server/network: cfg.dhcp.network.ADDRESS = "gw=GATEWAYS dns=SERVERS" (an empty dns-server means the
        /// router hands out itself; dns-none=yes hands out none).
        /// </summary>
        public static string FromDhcpNetworks(JsonValue networks, RouterOsFactBuffer facts)
        {
            for (int i = 0; i < networks.Count; i++)
            {
                JsonValue network = networks.Item(i);
                string problem = null;
                bool dynamic = RouterOsShape.IsSetChecked(network, "dynamic", false, ref problem);
                bool noDns = RouterOsShape.IsSetChecked(network, "dns-none", false, ref problem);
                if (problem != null) return "DHCP network " + (i + 1).ToString() + ": " + problem;
                string address = RouterOsText.NormalizedListText(RouterOsShape.CheckedField(network, "address"));
                if (address.Length == 0) return "DHCP network " + (i + 1).ToString() + " has no address";
                if (dynamic) continue;
                string gateway = RouterOsText.NormalizedListText(RouterOsShape.CheckedField(network, "gateway"));
                string dns = RouterOsText.NormalizedListText(RouterOsShape.CheckedField(network, "dns-server"));
                string key = facts.Text.Clear().Append("cfg.dhcp.network.").AppendKeySegment(address, 64).ToString();
                TextBuilder value = facts.Text.Clear().Append("gw=").Append(gateway.Length == 0 ? "none" : FactText.Clean(gateway, 100)).Append(" dns=");
                value.Append(noDns ? "none" : dns.Length == 0 ? "router" : FactText.Clean(dns, 100));
                facts.Add(key, value.ToString(), FactKind.Config);
            }
            return null;
        }
    }
}
