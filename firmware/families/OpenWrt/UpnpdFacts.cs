using FlaxGuard.Engine.Facts;
using FlaxGuard.Engine.Text;

namespace FlaxGuard.Engine.Probes.OpenWrt
{
    /// <summary>
    /// The UPnP daemon's settings (uci config upnpd, package miniupnpd): openwrt.upnpd = "off", or "upnp=on|off
    /// natpmp=on|off secure=on|off" while it is enabled. With secure mode off any device may map ports to any
    /// other device, which proxy botnets use to open paths in from the internet. Absent when miniupnpd is not installed.
    /// </summary>
    public static class UpnpdFacts
    {
        public static void Read(UciPackage upnpd, OpenWrtFactSheet sheet)
        {
            UciSection[] configs = upnpd.OfType("upnpd");
            for (int i = 0; i < configs.Length; i++)
            {
                UciSection c = configs[i];
                if (!c.Flag("enabled", false))
                {
                    sheet.Add("openwrt.upnpd", "off", FactKind.Config);
                    continue;
                }
                string value = new TextBuilder(40).Append("upnp=").Append(OnOff(c.Flag("enable_upnp", true)))
                    .Append(" natpmp=").Append(OnOff(c.Flag("enable_natpmp", true)))
                    .Append(" secure=").Append(OnOff(c.Flag("secure_mode", true))).ToString();
                sheet.Add("openwrt.upnpd", value, FactKind.Config);
            }
        }

        private static string OnOff(bool on)
        {
            return on ? "on" : "off";
        }
    }
}
