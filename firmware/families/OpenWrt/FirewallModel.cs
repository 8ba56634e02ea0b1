using System.Collections;
using FlaxGuard.Engine.Facts;
using FlaxGuard.Engine.Text;

namespace FlaxGuard.Engine.Probes.OpenWrt
{
    /// <summary>
    /// What uci config "firewall" (fw4) lets in from the internet side. A zone is a WAN zone when it is named
    /// "wan", masquerades, or holds the "wan"/"wan6" networks. A port of the router is reachable from the WAN
    /// when a WAN zone's input policy is ACCEPT, or an enabled rule from a WAN zone (or "*") with no dest
    /// (traffic to the router itself), target ACCEPT and a matching protocol (default "tcp udp") covers it.
    /// Policies, targets and protocols are compared case-insensitively, as fw4 reads them.
    /// </summary>
    public sealed class FirewallModel
    {
        private static readonly string[] DefaultProtocols = new string[] { "tcp", "udp" };
        private static readonly string[] AllPorts = new string[] { "all" };

        private readonly ArrayList _wanZones = new ArrayList();
        private readonly ArrayList _wanNetworks = new ArrayList();
        private readonly ArrayList _wanRules = new ArrayList();
        private readonly ArrayList _redirects = new ArrayList();
        private readonly ArrayList _lanAddresses = new ArrayList();
        private bool _wanInputAccept;

        public static FirewallModel Build(UciPackage firewall, UciPackage network)
        {
            FirewallModel model = new FirewallModel();
            UciSection[] defaults = firewall.OfType("defaults");
            string defaultInput = defaults.Length > 0 ? defaults[0].Option("input") : null;
            UciSection[] zones = firewall.OfType("zone");
            for (int i = 0; i < zones.Length; i++)
            {
                UciSection zone = zones[i];
                string name = zone.Option("name");
                if (name == null) continue;
                name = name.Trim();
                string[] networks = zone.Words("network");
                if (networks.Length == 0 && zone.Option("device") == null && zone.Option("subnet") == null) networks = new string[] { name };
                bool wan = name == "wan" || zone.Flag("masq", false) || Contains(networks, "wan") || Contains(networks, "wan6");
                if (!wan) continue;
                model._wanZones.Add(name);
                for (int k = 0; k < networks.Length; k++) model._wanNetworks.Add(networks[k]);
                string input = zone.Option("input");
                if (input == null) input = defaultInput;
                if (input != null && UciText.Lower(input) == "accept") model._wanInputAccept = true;
            }
            UciSection[] rules = firewall.OfType("rule");
            for (int i = 0; i < rules.Length; i++)
            {
                UciSection rule = rules[i];
                if (!rule.Flag("enabled", true)) continue;
                if (rule.Option("dest") != null) continue;
                string target = rule.Option("target");
                if (target == null || UciText.Lower(target) != "accept") continue;
                string src = rule.Option("src");
                if (src == null) continue;
                src = src.Trim();
                if (src != "*" && !model._wanZones.Contains(src)) continue;
                // The words WanReach needs, split once here rather than on every question.
                model._wanRules.Add(new string[][] { LowerAll(rule.Words("proto")), rule.Words("dest_port"), LowerAll(rule.Words("src_ip")) });
            }
            UciSection[] redirects = firewall.OfType("redirect");
            for (int i = 0; i < redirects.Length; i++) model._redirects.Add(redirects[i]);
            UciSection[] interfaces = network.OfType("interface");
            for (int i = 0; i < interfaces.Length; i++)
            {
                if (model._wanNetworks.Contains(interfaces[i].Name)) continue;
                AddAddresses(interfaces[i].Words("ipaddr"), model._lanAddresses);
                AddAddresses(interfaces[i].Words("ip6addr"), model._lanAddresses);
            }
            return model;
        }

        /// <summary>Whether a network (interface section name) belongs to a WAN zone.</summary>
        public bool IsWanNetwork(string network)
        {
            return network != null && _wanNetworks.Contains(network.Trim());
        }

        /// <summary>Whether an address is configured on a non-WAN interface (so a service bound to it stays inside).</summary>
        public bool IsLanAddress(string address)
        {
            return address != null && _lanAddresses.Contains(UciText.Lower(address));
        }

        /// <summary>
        /// Where from the WAN side <paramref name="port"/>/<paramref name="protocol"/> on the router is reachable:
        /// "any", the source addresses the rules allow (sorted, comma-separated), or null when it is not.
        /// </summary>
        public string WanReach(int port, string protocol)
        {
            if (_wanInputAccept) return "any";
            ArrayList sources = null;
            bool any = false;
            for (int i = 0; i < _wanRules.Count; i++)
            {
                string[][] rule = (string[][])_wanRules[i];
                if (!CoversProtocol(rule[0], protocol)) continue;
                string[] ports = rule[1];
                if (ports.Length > 0 && !UciText.PortSpecCovers(ports, port)) continue;
                string[] from = rule[2];
                if (from.Length == 0) any = true;
                if (from.Length > 0 && sources == null) sources = new ArrayList();
                for (int k = 0; k < from.Length; k++) sources.Add(from[k]);
            }
            if (any) return "any";
            if (sources == null) return null;
            return UciText.SortedJoin(sources, ",");
        }

        /// <summary>cfg.forward.&lt;proto&gt;.&lt;external port&gt; = "&lt;internal address&gt;:&lt;port&gt;" for every enabled DNAT redirect.</summary>
        public void AddForwards(OpenWrtFactSheet sheet)
        {
            TextBuilder text = sheet.Text;
            for (int i = 0; i < _redirects.Count; i++)
            {
                UciSection redirect = (UciSection)_redirects[i];
                if (!redirect.Flag("enabled", true)) continue;
                string target = redirect.Option("target");
                if (target != null && UciText.Lower(target) != "dnat") continue;
                string[] protocols = redirect.Words("proto");
                if (protocols.Length == 0) protocols = DefaultProtocols;
                string[] externalPorts = redirect.Words("src_dport");
                if (externalPorts.Length == 0) externalPorts = AllPorts;
                string[] internalAddresses = redirect.Words("dest_ip");
                string destination = "router";
                if (internalAddresses.Length > 0)
                {
                    ArrayList addresses = new ArrayList();
                    for (int k = 0; k < internalAddresses.Length; k++) addresses.Add(UciText.Lower(internalAddresses[k]));
                    destination = addresses.Count == 1 ? (string)addresses[0] : UciText.SortedJoin(addresses, ",");
                }
                string internalPort = redirect.Option("dest_port");
                bool samePort = internalPort == null || internalPort.Trim().Length == 0;
                string internalKey = samePort ? null : UciText.PortKey(internalPort);
                for (int p = 0; p < protocols.Length; p++)
                {
                    string protocol = UciText.Lower(protocols[p]);
                    if (protocol == "any" || protocol == "*") protocol = "all";
                    for (int e = 0; e < externalPorts.Length; e++)
                    {
                        string external = UciText.PortKey(externalPorts[e]);
                        string key = text.Clear().Append("cfg.forward.").AppendKeySegment(protocol, 20).Append('.').AppendKeySegment(external, 40).ToString();
                        sheet.Add(key, text.Clear().Append(destination).Append(':').Append(samePort ? external : internalKey).ToString(), FactKind.Config);
                    }
                }
            }
        }

        // The protocols are already lower-cased (LowerAll).
        private static bool CoversProtocol(string[] protocols, string protocol)
        {
            if (protocols.Length == 0) return protocol == "tcp" || protocol == "udp";
            for (int i = 0; i < protocols.Length; i++)
            {
                string p = protocols[i];
                if (p == protocol || p == "all" || p == "any" || p == "*") return true;
                if (protocol == "tcp" && p == "6") return true;
                if (protocol == "udp" && p == "17") return true;
            }
            return false;
        }

        // UciText.Lower of each word, in place (the arrays are fresh from Words).
        private static string[] LowerAll(string[] words)
        {
            for (int i = 0; i < words.Length; i++) words[i] = UciText.Lower(words[i]);
            return words;
        }

        private static bool Contains(string[] items, string item)
        {
            for (int i = 0; i < items.Length; i++)
            {
                if (items[i] == item) return true;
            }
            return false;
        }

        private static void AddAddresses(string[] words, ArrayList into)
        {
            for (int i = 0; i < words.Length; i++)
            {
                string address = words[i];
                int slash = address.IndexOf('/');
                if (slash >= 0) address = address.Substring(0, slash);
                into.Add(UciText.Lower(address));
            }
        }
    }
}
