namespace FlaxGuard.Engine.Probes.RouterOs
{
    /// <summary>
    /// The RouterOS 7 packages MikroTik publishes. "Package files are provided exclusively by MikroTik and cannot be created by
    /// third parties" (MikroTik manual, Packages), so an installed package of another name did not come from MikroTik.
    /// Sources: the manual's Packages page (routeros, system, wifi-qcom, wifiwave2 before 7.13, wireless, container, dude);
    /// the all_packages archives of 7.24.4 arm64/x86/smips and 7.13.5 arm as listed by a public survey of MikroTik's download
    /// server (calea, container, dude, extra-nic, gps, hotspot, iot, iot-bt-extra, lora, netinstall, openflow, rose-storage,
    /// switch-marvell, tr069-client, ups, user-manager, wifi-qcom, wifi-qcom-ac, wifi-qcom-be, wireless, zerotier); tikoci/restraml's
    /// x86 extra set (676c4bd README); the manual's wireless driver table (wifi-mediatek). RouterOS 6 split the system into more
    /// packages and is not checked.
    /// </summary>
    public static class RouterOsPackageNames
    {
        private static readonly string[] Version7 = new string[]
        {
            "calea", "container", "dude", "extra-nic", "gps", "hotspot", "iot", "iot-bt-extra", "lora", "netinstall", "openflow",
            "rose-storage", "routeros", "switch-marvell", "system", "tr069-client", "ups", "user-manager", "wifi-mediatek", "wifi-qcom",
            "wifi-qcom-ac", "wifi-qcom-be", "wifiwave2", "wireless", "zerotier",
        };

        /// <summary>True when <paramref name="name"/> (lower case) is a package MikroTik publishes for RouterOS 7, or when
        /// <paramref name="systemVersion"/> is not a RouterOS 7 version (nothing to check against).</summary>
        public static bool IsPublished(string systemVersion, string name)
        {
            if (systemVersion == null || systemVersion.Length < 2 || systemVersion[0] != '7' || systemVersion[1] != '.') return true;
            for (int i = 0; i < Version7.Length; i++)
            {
                if (Version7[i] == name) return true;
            }
            return false;
        }
    }
}
