using FlaxGuard.Engine.Facts;
using FlaxGuard.Engine.Text;

namespace FlaxGuard.Engine.Probes.OpenWrt
{
    /// <summary>From uci config "system": the host name (case-insensitive, so lower-cased) and the NTP servers sysntpd uses.</summary>
    public static class SystemFacts
    {
        public static void Read(UciPackage system, OpenWrtFactSheet sheet)
        {
            UciSection[] systems = system.OfType("system");
            if (systems.Length > 0)
            {
                string hostname = systems[0].Option("hostname");
                if (hostname != null && hostname.Trim().Length > 0) sheet.Add("openwrt.hostname", UciText.Lower(FactText.Clean(hostname, 64)), FactKind.Config);
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
    }
}
