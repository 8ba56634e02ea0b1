using FlaxGuard.Engine.Facts;
using FlaxGuard.Engine.Text;

namespace FlaxGuard.Engine.Probes.OpenWrt
{
    /// <summary>From uci config "system": the host name (case-insensitive, so lower-cased), remote syslog, and the NTP servers sysntpd uses.</summary>
    public static class SystemFacts
    {
        public static void Read(UciPackage system, OpenWrtFactSheet sheet)
        {
            UciSection[] systems = system.OfType("system");
            if (systems.Length > 0)
            {
                string hostname = systems[0].Option("hostname");
                if (hostname != null && hostname.Trim().Length > 0) sheet.Add("openwrt.hostname", UciText.Lower(FactText.Clean(hostname, 64)), FactKind.Config);
                ReadRemoteLog(systems[0], sheet);
            }
            UciSection[] servers = system.OfType("timeserver");
            for (int i = 0; i < servers.Length; i++)
            {
                // sysntpd reads only the "ntp" section, and only while it is enabled (default on).
                if (servers[i].Name != "ntp" || !servers[i].Flag("enabled", true)) continue;
                string[] names = servers[i].Words("server");
                for (int k = 0; k < names.Length; k++)
                {
                    sheet.Add(sheet.Text.Clear().Append("cfg.ntp.server.").AppendKeySegment(UciText.Lower(names[k]), 100).ToString(), "configured", FactKind.Config);
                }
            }
        }

        /// <summary>
        /// logd's remote syslog (options log_ip, log_port default 514, log_proto udp or tcp): cfg.log.remote.system =
        /// "ADDRESS:PORT/PROTO", the vocabulary RouterOS's logging actions use, so one rule rates both. Logs sent
        /// elsewhere tell an intruder what the owner sees; logs no longer sent hide what happens next.
        /// </summary>
        private static void ReadRemoteLog(UciSection system, OpenWrtFactSheet sheet)
        {
            string ip = system.Option("log_ip");
            if (ip == null || ip.Trim().Length == 0) return;
            string port = system.Option("log_port");
            string proto = UciText.Lower(system.Option("log_proto"));
            int portNumber = port == null || port.Trim().Length == 0 ? 514 : UciText.ParsePort(port);
            TextBuilder value = sheet.Text.Clear().Append(UciText.Lower(FactText.Clean(ip.Trim(), 64))).Append(':');
            if (portNumber > 0) value.Append(portNumber); else value.Append(FactText.Clean(port.Trim(), 8));
            value.Append('/').Append(proto == "tcp" ? "tcp" : "udp");
            sheet.Add("cfg.log.remote.system", value.ToString(), FactKind.Config);
        }
    }
}
