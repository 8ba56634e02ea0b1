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
                sheet.Add("cfg.service.ssh", PortFrom(sheet, port, from), FactKind.Config);
                if (anywhere || firewall.IsWanNetwork(bound))
                {
                    string reach = firewall.WanReach(port, "tcp");
                    if (reach != null) sheet.Add("cfg.remote.wan-ssh", PortFrom(sheet, port, reach), FactKind.Config);
                }
                if (d.Flag("GatewayPorts", false)) sheet.Add("cfg.remote.ssh-gateway-ports", sheet.Text.Clear().Append("port=").Append(port).ToString(), FactKind.Config);
            }
        }

        public static void ReadUhttpd(UciPackage uhttpd, FirewallModel firewall, OpenWrtFactSheet sheet)
        {
            UciSection[] servers = uhttpd.OfType("uhttpd");
            for (int i = 0; i < servers.Length; i++)
            {
                AddListeners(servers[i].Words("listen_http"), "cfg.service.www", "cfg.remote.wan-http", firewall, sheet);
                AddListeners(servers[i].Words("listen_https"), "cfg.service.www-ssl", "cfg.remote.wan-https", firewall, sheet);
            }
        }

        /// <summary>Reads "rc list": {name: {start, stop, enabled, running}, ...}.</summary>
        public static void ReadInitScripts(JsonValue list, FirewallModel firewall, OpenWrtFactSheet sheet)
        {
            if (list == null) return;
            for (int i = 0; i < list.Count; i++)
            {
                // The name is looked at in the run's builder: a string of it only for a reason.
                JsonValue script = list.Item(i);
                if (!script.IsObject) throw new UbusDataException("the init script entry \"" + FactText.Clean(list.KeyAt(i), 40) + "\" in the rc list is a JSON " + UbusClient.KindName(script) + ", not an object");
                bool enabled = Flag(list, i, script, "enabled");
                bool running = Flag(list, i, script, "running");
                if (!(enabled || running)) continue;
                list.AppendKeyAt(i, sheet.Text.Clear());
                if (!sheet.Text.ContainsIgnoreAsciiCase("telnet")) continue;
                sheet.Add("cfg.service.telnet", PortFrom(sheet, TelnetPort, "any"), FactKind.Config);
                string reach = firewall.WanReach(TelnetPort, "tcp");
                if (reach != null) sheet.Add("cfg.remote.wan-telnet", PortFrom(sheet, TelnetPort, reach), FactKind.Config);
            }
        }

        private static bool Is(string text, int start, int end, string part)
        {
            if (end - start != part.Length) return false;
            for (int k = 0; k < part.Length; k++)
            {
                if (text[start + k] != part[k]) return false;
            }
            return true;
        }

        // "port=N from=WHERE", the value of every service and remote fact.
        private static string PortFrom(OpenWrtFactSheet sheet, int port, string from)
        {
            return sheet.Text.Clear().Append("port=").Append(port).Append(" from=").Append(from).ToString();
        }

        private static bool Flag(JsonValue list, int index, JsonValue script, string member)
        {
            JsonKind kind;
            if (!script.TryMemberKind(member, out kind)) return false;
            if (kind == JsonKind.True) return true;
            if (kind == JsonKind.False) return false;
            throw new UbusDataException("the init script entry \"" + FactText.Clean(list.KeyAt(index), 40) + "\" has a \"" + member + "\" that is not true or false");
        }

        /// <summary>uhttpd listen entries: "port", "address:port" or "[v6 address]:port".</summary>
        private static void AddListeners(string[] entries, string serviceKey, string remoteKey, FirewallModel firewall, OpenWrtFactSheet sheet)
        {
            for (int i = 0; i < entries.Length; i++)
            {
                string entry = entries[i];
                int colon = entry.LastIndexOf(':');
                int port = UciText.ParsePort(entry, colon + 1, entry.Length);
                if (port < 0) throw new UbusDataException("a listen entry of uci config uhttpd has no valid port");
                // The address before the port, without brackets, trimmed and lower-cased: copied out only when it names one.
                int start = 0;
                int end = colon < 0 ? 0 : colon;
                if (end - start > 1 && entry[start] == '[' && entry[end - 1] == ']')
                {
                    start++;
                    end--;
                }
                while (start < end && MediaType.IsWhiteSpace(entry[start])) start++;
                while (end > start && MediaType.IsWhiteSpace(entry[end - 1])) end--;
                bool anywhere = end == start || Is(entry, start, end, "0.0.0.0") || Is(entry, start, end, "::") || Is(entry, start, end, "*");
                string address = anywhere ? null : Ordinal.ToLowerAscii(entry.Substring(start, end - start));
                sheet.Add(serviceKey, PortFrom(sheet, port, anywhere ? "any" : address), FactKind.Config);
                if (!anywhere && firewall.IsLanAddress(address)) continue;
                string reach = firewall.WanReach(port, "tcp");
                if (reach != null) sheet.Add(remoteKey, PortFrom(sheet, port, reach), FactKind.Config);
            }
        }
    }
}
