using FlaxGuard.Engine.Facts;
using FlaxGuard.Engine.Json;
using FlaxGuard.Engine.Text;

namespace FlaxGuard.Engine.Probes.OpenWrt
{
    /// <summary>
    /// Services the router runs and whether the internet side can reach them.
    /// cfg.service.ssh from dropbear sections (enable, Port, Interface), cfg.service.www / www-ssl from uhttpd
    /// listen_http / listen_https, cfg.service.telnet from an enabled or running init script whose name has
    /// "telnet" in it (rpcd "rc list"; stock OpenWrt has none, and no uci config can switch telnet on).
    /// cfg.remote.wan-ssh / wan-http / wan-https / wan-telnet when the service listens on the WAN side and
    /// the firewall lets its port in; cfg.remote.ssh-gateway-ports when dropbear lets forwarded ports listen
    /// on every address. Values are "port=N from=&lt;any|interfaces|addresses&gt;".
    /// </summary>
    public static class ServiceFacts
    {
        public const int TelnetPort = 23;

        public static void ReadDropbear(UciPackage dropbear, FirewallModel firewall, OpenWrtFactSheet sheet)
        {
            UciSection[] instances = dropbear.OfType("dropbear");
            for (int i = 0; i < instances.Length; i++)
            {
                UciSection d = instances[i];
                if (!d.Flag("enable", true)) continue;
                string portText = d.Option("Port");
                int port = portText == null ? 22 : UciText.ParsePort(portText);
                if (port < 0) throw new UbusDataException("a dropbear section of uci config dropbear has a Port that is not a port number");
                string bound = d.Option("Interface");
                if (bound == null || bound.Trim().Length == 0) bound = d.Option("DirectInterface");
                bool anywhere = bound == null || bound.Trim().Length == 0;
                string from = anywhere ? "any" : UciText.Lower(bound);
                sheet.Add("cfg.service.ssh", "port=" + port.ToString() + " from=" + from, FactKind.Config);
                if (anywhere || firewall.IsWanNetwork(bound))
                {
                    string reach = firewall.WanReach(port, "tcp");
                    if (reach != null) sheet.Add("cfg.remote.wan-ssh", "port=" + port.ToString() + " from=" + reach, FactKind.Config);
                }
                if (d.Flag("GatewayPorts", false)) sheet.Add("cfg.remote.ssh-gateway-ports", "port=" + port.ToString(), FactKind.Config);
            }
        }

        public static void ReadUhttpd(UciPackage uhttpd, FirewallModel firewall, OpenWrtFactSheet sheet)
        {
            UciSection[] servers = uhttpd.OfType("uhttpd");
            for (int i = 0; i < servers.Length; i++)
            {
                AddListeners(servers[i].Words("listen_http"), "www", "wan-http", firewall, sheet);
                AddListeners(servers[i].Words("listen_https"), "www-ssl", "wan-https", firewall, sheet);
            }
        }

        /// <summary>Reads "rc list": {name: {start, stop, enabled, running}, ...}.</summary>
        public static void ReadInitScripts(JsonValue list, FirewallModel firewall, OpenWrtFactSheet sheet)
        {
            if (list == null) return;
            for (int i = 0; i < list.Count; i++)
            {
                string name = list.KeyAt(i);
                JsonValue script = list.Item(i);
                if (!script.IsObject) throw new UbusDataException("the init script entry \"" + FactText.Clean(name, 40) + "\" in the rc list is a JSON " + UbusClient.KindName(script) + ", not an object");
                bool enabled = Flag(script, "enabled", name);
                bool running = Flag(script, "running", name);
                if (Ordinal.ToLowerAscii(name).IndexOf("telnet") < 0 || !(enabled || running)) continue;
                sheet.Add("cfg.service.telnet", "port=" + TelnetPort.ToString() + " from=any", FactKind.Config);
                string reach = firewall.WanReach(TelnetPort, "tcp");
                if (reach != null) sheet.Add("cfg.remote.wan-telnet", "port=" + TelnetPort.ToString() + " from=" + reach, FactKind.Config);
            }
        }

        private static bool Flag(JsonValue script, string member, string name)
        {
            JsonValue v = script.Member(member);
            if (v == null) return false;
            if (v.Kind == JsonKind.True) return true;
            if (v.Kind == JsonKind.False) return false;
            throw new UbusDataException("the init script entry \"" + FactText.Clean(name, 40) + "\" has a \"" + member + "\" that is not true or false");
        }

        /// <summary>uhttpd listen entries: "port", "address:port" or "[v6 address]:port".</summary>
        private static void AddListeners(string[] entries, string service, string remote, FirewallModel firewall, OpenWrtFactSheet sheet)
        {
            for (int i = 0; i < entries.Length; i++)
            {
                string entry = entries[i];
                int colon = entry.LastIndexOf(':');
                string address = colon < 0 ? "" : entry.Substring(0, colon);
                int port = UciText.ParsePort(colon < 0 ? entry : entry.Substring(colon + 1));
                if (port < 0) throw new UbusDataException("a listen entry of uci config uhttpd has no valid port");
                if (address.Length > 1 && address[0] == '[' && address[address.Length - 1] == ']') address = address.Substring(1, address.Length - 2);
                address = UciText.Lower(address);
                bool anywhere = address.Length == 0 || address == "0.0.0.0" || address == "::" || address == "*";
                sheet.Add("cfg.service." + service, "port=" + port.ToString() + " from=" + (anywhere ? "any" : address), FactKind.Config);
                if (!anywhere && firewall.IsLanAddress(address)) continue;
                string reach = firewall.WanReach(port, "tcp");
                if (reach != null) sheet.Add("cfg.remote." + remote, "port=" + port.ToString() + " from=" + reach, FactKind.Config);
            }
        }
    }
}
