using FlaxGuard.Engine.Verdicts;

namespace FlaxGuard.Engine.Probes
{
    /// <summary>
    /// The default port list: services that Mirai-family botnets scan for and exploit on routers, cameras,
    /// DVRs and NAS boxes, or that they open once inside.
    /// </summary>
    public static class RiskyPorts
    {
        private static RiskyPort[] _defaults;

        public static RiskyPort[] Defaults
        {
            get
            {
                if (_defaults == null) _defaults = Build();
                return _defaults;
            }
        }

        /// <summary>The entry for a port, or null when the port is not in the default list.</summary>
        public static RiskyPort Find(int port)
        {
            RiskyPort[] all = Defaults;
            for (int i = 0; i < all.Length; i++)
            {
                if (all[i].Port == port) return all[i];
            }
            return null;
        }

        private static RiskyPort[] Build()
        {
            return new RiskyPort[]
            {
                new RiskyPort(21, "ftp", Severity.Medium, "FTP is open; it sends passwords across the network unencrypted."),
                new RiskyPort(22, "ssh", Severity.Info, "SSH is open. That is normal for many routers; keep its password strong or use keys."),
                new RiskyPort(23, "telnet", Severity.Critical, "Telnet is open. Mirai-family botnets break into routers and cameras through telnet with default passwords."),
                new RiskyPort(2323, "telnet-alt", Severity.Critical, "A second telnet port (2323) is open. Botnets scan it and implants open it to keep control."),
                new RiskyPort(1080, "socks", Severity.High, "A SOCKS proxy is open. Botnets turn routers into proxies to hide their traffic."),
                new RiskyPort(5555, "adb", Severity.High, "Android Debug Bridge is open; it gives a shell to anyone who connects."),
                new RiskyPort(7547, "tr069", Severity.High, "The TR-069 management port is open; botnets have exploited it on home routers."),
                new RiskyPort(8291, "winbox", Severity.Medium, "MikroTik Winbox is open; old RouterOS versions leak their passwords through it."),
                new RiskyPort(9527, "debug-telnet", Severity.High, "A camera debug console port (9527) is open; it is a known way into some DVRs and cameras."),
                new RiskyPort(34567, "dvr-admin", Severity.High, "The XMEye DVR admin port is open; DVRs with it have been taken over in large numbers."),
                new RiskyPort(37215, "huawei-upnp", Severity.High, "Port 37215 is open; botnets exploit it on Huawei home gateways."),
                new RiskyPort(52869, "realtek-upnp", Severity.High, "Port 52869 is open; botnets exploit the Realtek SDK UPnP service behind it."),
                new RiskyPort(3128, "http-proxy", Severity.Medium, "An HTTP proxy port is open; compromised devices are used as proxies."),
                new RiskyPort(37777, "dahua-admin", Severity.Medium, "The Dahua DVR/camera service port is open."),
                new RiskyPort(554, "rtsp", Severity.Low, "A camera video stream (RTSP) is open; check that it needs a password."),
            };
        }

        public static int[] DefaultPortNumbers()
        {
            RiskyPort[] all = Defaults;
            int[] ports = new int[all.Length];
            for (int i = 0; i < all.Length; i++) ports[i] = all[i].Port;
            return ports;
        }
    }
}
