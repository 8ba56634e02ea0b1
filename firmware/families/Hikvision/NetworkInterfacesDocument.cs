using System.Collections;
using FlaxGuard.Engine.Probes.Upnp;
using FlaxGuard.Engine.Text;

namespace FlaxGuard.Engine.Probes.Hikvision
{
    /// <summary>
    /// GET /ISAPI/System/Network/interfaces: &lt;NetworkInterfaceList&gt; of &lt;NetworkInterface&gt; with id and
    /// &lt;IPAddress&gt; holding addressingType and the DNS servers as &lt;PrimaryDNS&gt;/&lt;SecondaryDNS&gt; with an
    /// ipAddress (or ipv6Address) inside, and the &lt;DefaultGateway&gt; the same way. The interface's own address, mask and
    /// link state are not kept: with DHCP they change with every lease.
    /// </summary>
    public sealed class NetworkInterfacesDocument : IIsapiDocument
    {
        private const int MaxInterfaces = 8;

        private static readonly string[] Leaves = new string[]
        {
            "id", "ipVersion", "addressingType", "ipAddress", "ipv6Address", "subnetMask", "ipV6AddressingType", "MACAddress", "MTU",
        };

        private readonly ArrayList _interfaces = new ArrayList();
        private string _id;
        private string _addressing;
        private readonly ArrayList _pendingDns = new ArrayList();
        private string _gateway;

        public string RootName { get { return "NetworkInterfaceList"; } }

        public int Count { get { return _interfaces.Count; } }

        public IsapiInterface this[int index] { get { return (IsapiInterface)_interfaces[index]; } }

        public void Reset()
        {
            _interfaces.Clear();
            _id = null;
            _addressing = null;
            _pendingDns.Clear();
            _gateway = null;
        }

        public void OnStartElement(XmlScanner scanner)
        {
            IsapiField.RefuseChildOfLeaf(scanner, Leaves);
            if (scanner.Depth == 2 && scanner.LocalNameIs("NetworkInterface"))
            {
                _id = null;
                _addressing = null;
                _pendingDns.Clear();
                _gateway = null;
            }
        }

        public void OnEndElement(XmlScanner scanner)
        {
            int depth = scanner.Depth;
            if (depth == 3 && scanner.LocalNameAtIs(2, "NetworkInterface") && scanner.LocalNameIs("id"))
            {
                _id = IsapiField.Take(scanner, _id, "id");
                return;
            }
            if (depth == 4 && scanner.LocalNameAtIs(3, "IPAddress") && scanner.LocalNameIs("addressingType"))
            {
                _addressing = IsapiField.Take(scanner, _addressing, "addressingType");
                return;
            }
            if (depth == 5 && scanner.LocalNameAtIs(3, "IPAddress") && (scanner.LocalNameAtIs(4, "PrimaryDNS") || scanner.LocalNameAtIs(4, "SecondaryDNS"))
                && (scanner.LocalNameIs("ipAddress") || scanner.LocalNameIs("ipv6Address")))
            {
                string raw = IsapiField.Take(scanner, null, "ipAddress");
                if (raw == null) return;
                string address = IsapiAddress.Normalize(raw);
                if (address == null)
                {
                    scanner.Reject("has a DNS server \"" + FactText.Clean(raw, 48) + "\" that is not an IP address");
                    return;
                }
                if (address.Length > 0) _pendingDns.Add(address);
                return;
            }
            if (depth == 5 && scanner.LocalNameAtIs(3, "IPAddress") && scanner.LocalNameAtIs(4, "DefaultGateway")
                && (scanner.LocalNameIs("ipAddress") || scanner.LocalNameIs("ipv6Address")))
            {
                string raw = IsapiField.Take(scanner, null, "ipAddress");
                if (raw == null) return;
                string address = IsapiAddress.Normalize(raw);
                if (address == null)
                {
                    scanner.Reject("has a default gateway \"" + FactText.Clean(raw, 48) + "\" that is not an IP address");
                    return;
                }
                if (address.Length > 0 && _gateway == null) _gateway = address;
                return;
            }
            if (depth == 2 && scanner.LocalNameIs("NetworkInterface")) AddInterface(scanner);
        }

        private void AddInterface(XmlScanner scanner)
        {
            if (_id == null || _id.Length == 0)
            {
                scanner.Reject("lists a <NetworkInterface> without an <id>");
                return;
            }
            for (int i = 0; i < _interfaces.Count; i++)
            {
                if (((IsapiInterface)_interfaces[i]).Id == _id)
                {
                    scanner.Reject("lists the same network interface twice");
                    return;
                }
            }
            if (_interfaces.Count == MaxInterfaces)
            {
                scanner.Reject("lists more than " + MaxInterfaces.ToString() + " network interfaces");
                return;
            }
            IsapiInterface added = new IsapiInterface(_id);
            if (_addressing != null && _addressing.Length > 0) added.Addressing = Ordinal.ToLowerAscii(_addressing);
            for (int i = 0; i < _pendingDns.Count; i++) added.AddDnsServer((string)_pendingDns[i]);
            added.Gateway = _gateway;
            _interfaces.Add(added);
        }

        public string Validate()
        {
            return _interfaces.Count == 0 ? "lists no network interfaces" : null;
        }
    }
}
