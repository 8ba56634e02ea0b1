using FlaxGuard.Engine.Probes.Upnp;

namespace FlaxGuard.Engine.Probes.Hikvision
{
    /// <summary>
    /// A document whose point is one &lt;enabled&gt; switch: &lt;Telnetd&gt; (GET /ISAPI/System/Network/telnetd),
    /// &lt;SSH&gt; (/ISAPI/System/Network/ssh) and &lt;EZVIZ&gt; (/ISAPI/System/Network/EZVIZ, Hik-Connect cloud
    /// access, whose &lt;serverAddress&gt; names the cloud server the device registers with). Status members such
    /// as registerStatus, bindStatus or offlineStatus change with the cloud connection and are not kept, nor is
    /// the verificationCode (a secret).
    /// </summary>
    public sealed class ServiceSwitchDocument : IIsapiDocument
    {
        private static readonly string[] Leaves = new string[]
        {
            "enabled", "registerStatus", "redirect", "verificationCode", "bindStatus", "offlineStatus", "addressingFormatType", "hostName", "ipAddress", "ipv6Address",
        };

        private readonly string _rootName;
        private int _enabled = -1;
        private string _serverHost;
        private string _serverAddress;

        public ServiceSwitchDocument(string rootName)
        {
            _rootName = rootName;
        }

        public string RootName { get { return _rootName; } }

        public bool Enabled { get { return _enabled == 1; } }

        /// <summary>The cloud server (EZVIZ serverAddress) in canonical form, or null.</summary>
        public string Server
        {
            get
            {
                if (_serverHost != null && _serverHost.Length > 0) return _serverHost;
                if (_serverAddress != null && _serverAddress.Length > 0) return _serverAddress;
                return null;
            }
        }

        public void Reset()
        {
            _enabled = -1;
            _serverHost = null;
            _serverAddress = null;
        }

        public void OnStartElement(XmlScanner scanner)
        {
            IsapiField.RefuseChildOfLeaf(scanner, Leaves);
        }

        public void OnEndElement(XmlScanner scanner)
        {
            int depth = scanner.Depth;
            if (depth == 2 && scanner.LocalNameIs("enabled"))
            {
                _enabled = IsapiField.TakeBoolean(scanner, _enabled, "enabled");
                return;
            }
            if (depth == 3 && scanner.LocalNameAtIs(2, "serverAddress"))
            {
                if (scanner.LocalNameIs("hostName")) _serverHost = Host(scanner, _serverHost);
                else if (scanner.LocalNameIs("ipAddress") || scanner.LocalNameIs("ipv6Address")) _serverAddress = Address(scanner, _serverAddress);
            }
        }

        private static string Host(XmlScanner scanner, string previous)
        {
            string raw = IsapiField.Take(scanner, previous, "hostName");
            if (raw == null || previous != null) return previous;
            string host = IsapiAddress.NormalizeHostName(raw);
            if (host == null) scanner.Reject("has a cloud server name that is not a host name");
            return host;
        }

        private static string Address(XmlScanner scanner, string previous)
        {
            string raw = IsapiField.Take(scanner, previous, "ipAddress");
            if (raw == null || previous != null) return previous;
            string address = IsapiAddress.Normalize(raw);
            if (address == null) scanner.Reject("has a cloud server address that is not an IP address");
            return address;
        }

        public string Validate()
        {
            return _enabled < 0 ? "has no <enabled> switch" : null;
        }
    }
}
