using System.Collections;

namespace FlaxGuard.Engine.Probes.Hikvision
{
    /// <summary>One network interface from /ISAPI/System/Network/interfaces: its id, how it gets its address, its DNS servers and gateway.</summary>
    public sealed class IsapiInterface
    {
        private readonly ArrayList _dnsServers = new ArrayList();

        public IsapiInterface(string id)
        {
            Id = id;
        }

        public string Id { get; private set; }

        /// <summary>addressingType in lower case (static, dynamic), or null when the device did not say.</summary>
        public string Addressing { get; internal set; }

        /// <summary>True when the interface takes its address by DHCP (addressingType dynamic; some firmware writes DHCP), so its DNS servers are the DHCP server's.</summary>
        public bool LearnsDnsByDhcp { get { return Addressing == "dynamic" || Addressing == "dhcp"; } }

        /// <summary>The default gateway in canonical form, or null when the interface names none.</summary>
        public string Gateway { get; internal set; }

        public int DnsServerCount { get { return _dnsServers.Count; } }

        /// <summary>A DNS server address in canonical form (see <see cref="IsapiAddress.Normalize"/>).</summary>
        public string DnsServer(int index)
        {
            return (string)_dnsServers[index];
        }

        internal void AddDnsServer(string address)
        {
            if (!_dnsServers.Contains(address)) _dnsServers.Add(address);
        }
    }
}
