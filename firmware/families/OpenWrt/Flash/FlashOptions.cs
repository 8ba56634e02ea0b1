using FlaxGuard.Engine.Http;

namespace FlaxGuard.Engine.Probes.OpenWrt
{
    /// <summary>Where and how long to read an OpenWrt router's raw flash partitions.</summary>
    public sealed class FlashOptions
    {
        public FlashOptions()
        {
            Scheme = "http";
            Port = 80;
            UbusPath = "/ubus";
            DownloadPath = "/cgi-bin/cgi-download";
            MaxPartitionBytes = 64L * 1024 * 1024;
            // A host or agent measures 16 MiB in about 1.5 s; the dongle's managed SHA-256 needs minutes for the same
            // (tests/FlaxGuard.Bench --flash-measure projects 5 to 16 min at 240 MHz), so the bounds leave room for it.
            DownloadTimeoutMs = 900000;
            TotalTimeoutMs = 1800000;
        }

        /// <summary>"http" or "https".</summary>
        public string Scheme { get; set; }

        public int Port { get; set; }

        /// <summary>uhttpd's ubus prefix ("/ubus" on every stock image).</summary>
        public string UbusPath { get; set; }

        /// <summary>cgi-io's download entry: uhttpd runs /www/cgi-bin/cgi-io under this name (LuCI's flash page uses it).</summary>
        public string DownloadPath { get; set; }

        /// <summary>The rpcd login; needs LuCI's luci-mod-system-flash read rights (cgi-io download, file read on /proc/mtd and /dev/mtdblock*).</summary>
        public HttpCredentials Credentials { get; set; }

        /// <summary>Largest partition read (a NOR flash of 64 MiB); a larger one in /proc/mtd is "could not measure".</summary>
        public long MaxPartitionBytes { get; set; }

        /// <summary>Bound on one partition download.</summary>
        public int DownloadTimeoutMs { get; set; }

        /// <summary>Bound on the whole measurement, login included.</summary>
        public int TotalTimeoutMs { get; set; }
    }
}
