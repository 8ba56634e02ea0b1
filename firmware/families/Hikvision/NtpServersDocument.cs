using System.Collections;
using FlaxGuard.Engine.Probes.Upnp;
using FlaxGuard.Engine.Text;

namespace FlaxGuard.Engine.Probes.Hikvision
{
    /// <summary>
    /// GET /ISAPI/System/time/ntpServers: &lt;NTPServerList&gt; of &lt;NTPServer&gt; with id, addressingFormatType
    /// (hostname or ipaddress) and hostName, ipAddress or ipv6Address. Servers are kept by address in canonical form
    /// (host names lower case), so the order of the list and the case of a name make no difference.
    /// </summary>
    public sealed class NtpServersDocument : IIsapiDocument
    {
        private const int MaxServers = 16;

        private static readonly string[] Leaves = new string[]
        {
            "id", "addressingFormatType", "hostName", "ipAddress", "ipv6Address", "portNo", "synchronizeInterval", "enabled",
        };

        private readonly ArrayList _servers = new ArrayList();
        private string _format;
        private string _host;
        private string _address;
        private int _entries;

        public string RootName { get { return "NTPServerList"; } }

        public int Count { get { return _servers.Count; } }

        public string this[int index] { get { return (string)_servers[index]; } }

        public void Reset()
        {
            _servers.Clear();
            _entries = 0;
            Clear();
        }

        private void Clear()
        {
            _format = null;
            _host = null;
            _address = null;
        }

        public void OnStartElement(XmlScanner scanner)
        {
            IsapiField.RefuseChildOfLeaf(scanner, Leaves);
            if (scanner.Depth == 2 && scanner.LocalNameIs("NTPServer")) Clear();
        }

        public void OnEndElement(XmlScanner scanner)
        {
            int depth = scanner.Depth;
            if (depth == 3 && scanner.LocalNameAtIs(2, "NTPServer"))
            {
                if (scanner.LocalNameIs("addressingFormatType")) _format = IsapiField.Take(scanner, _format, "addressingFormatType");
                else if (scanner.LocalNameIs("hostName")) _host = IsapiField.Take(scanner, _host, "hostName");
                else if (scanner.LocalNameIs("ipAddress") || scanner.LocalNameIs("ipv6Address"))
                {
                    string value = IsapiField.Take(scanner, null, "ipAddress");
                    if (value != null && value.Length > 0)
                    {
                        if (_address != null && _address.Length > 0) scanner.Reject("gives an NTP server two addresses");
                        _address = value;
                    }
                }
                return;
            }
            if (depth == 2 && scanner.LocalNameIs("NTPServer")) AddServer(scanner);
        }

        private void AddServer(XmlScanner scanner)
        {
            if (++_entries > MaxServers)
            {
                scanner.Reject("lists more than " + MaxServers.ToString() + " NTP servers");
                return;
            }
            bool byName = _format != null ? Ordinal.EqualsIgnoreAsciiCase(_format, "hostname") : (_host != null && _host.Length > 0);
            string server;
            if (byName)
            {
                server = IsapiAddress.NormalizeHostName(_host == null ? string.Empty : _host);
                if (server == null)
                {
                    scanner.Reject("has an NTP server name that is not a host name");
                    return;
                }
            }
            else
            {
                server = IsapiAddress.Normalize(_address == null ? string.Empty : _address);
                if (server == null)
                {
                    scanner.Reject("has an NTP server address that is not an IP address");
                    return;
                }
            }
            // An entry with no server is an unused slot.
            if (server.Length > 0 && !_servers.Contains(server)) _servers.Add(server);
        }

        public string Validate()
        {
            return null;
        }
    }
}
