using FlaxGuard.Engine.Http;

namespace FlaxGuard.Engine.Probes.OpenWrt
{
    /// <summary>Where the OpenWrt ubus endpoint is, who logs in, and how long and how far the probe may go.</summary>
    public sealed class UbusOptions
    {
        public UbusOptions()
        {
            Scheme = "http";
            Port = 80;
            Path = "/ubus";
            RequestTimeoutMs = 5000;
            TotalTimeoutMs = 30000;
            MaxResponseBytes = 64 * 1024;
            AuthorizedKeysPath = "/etc/dropbear/authorized_keys";
            ReadAuthorizedKeys = true;
            ReadPersistence = true;
        }

        /// <summary>"http" or "https".</summary>
        public string Scheme { get; set; }

        public int Port { get; set; }

        /// <summary>uhttpd's ubus_prefix; "/ubus" on every stock image.</summary>
        public string Path { get; set; }

        /// <summary>The rpcd login (a "config login" section in /etc/config/rpcd). The password is a secret.</summary>
        public HttpCredentials Credentials { get; set; }

        /// <summary>Bound on each JSON-RPC call.</summary>
        public int RequestTimeoutMs { get; set; }

        /// <summary>Bound on the whole probe run, login included.</summary>
        public int TotalTimeoutMs { get; set; }

        /// <summary>Largest answer accepted for one call (uhttpd itself refuses requests above 64 KiB).</summary>
        public int MaxResponseBytes { get; set; }

        /// <summary>Where dropbear keeps root's keys; read with rpcd's file.read, which LuCI's SSH-keys page also uses.</summary>
        public string AuthorizedKeysPath { get; set; }

        /// <summary>Whether to read the SSH keys at all (an account without the file ACL can turn it off).</summary>
        public bool ReadAuthorizedKeys { get; set; }

        /// <summary>
        /// Whether to read where implants persist and redirect: crontab, rc.local, firewall.user, /etc/passwd,
        /// /etc/hosts (file.read), the process list (luci getProcessList) and the overlay's changed files (file.list).
        /// </summary>
        public bool ReadPersistence { get; set; }
    }
}
