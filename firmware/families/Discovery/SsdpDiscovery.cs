using FlaxGuard.Engine.Platform;
using FlaxGuard.Engine.Probes.Upnp;
using FlaxGuard.Engine.Text;

namespace FlaxGuard.Engine.Discovery
{
    /// <summary>
    /// SSDP M-SEARCH to 239.255.255.250:1900 (UPnP Device Architecture 1.1, section 1.3.2), built by the UPnP
    /// family's <see cref="SsdpSearch"/>, for "ssdp:all" or the Internet Gateway Device. Every answer is parsed with
    /// the family's strict <see cref="SsdpAnswer"/>; a LOCATION is kept only when it points at the sender itself,
    /// so one device cannot make FlaxGuard fetch from another.
    /// </summary>
    public sealed class SsdpDiscovery : IDatagramReceiver
    {
        public const string All = "ssdp:all";

        private readonly DeviceInventory _inventory;
        private readonly int _maxBytes;
        private readonly bool _gatewaySearch;

        public SsdpDiscovery(DeviceInventory inventory, int maxBytes, bool gatewaySearch)
        {
            _inventory = inventory;
            _maxBytes = maxBytes;
            _gatewaySearch = gatewaySearch;
        }

        public void Run(IUdpCollector udp, DiscoveryOptions options)
        {
            string target = _gatewaySearch ? SsdpSearch.InternetGatewayDevice1 : All;
            byte[] request = SsdpSearch.Build("239.255.255.250", options.SsdpPort, target, 1);
            byte[] buffer = new byte[_maxBytes + 1];
            ConnectOutcome outcome;
            _inventory.CountSent(1);
            udp.Collect("239.255.255.250", options.SsdpPort, request, 0, request.Length, buffer, options.MaxAnswersPerSearch, options.SearchWaitMs, this, out outcome);
        }

        public bool Receive(string senderAddress, int senderPort, byte[] data, int offset, int count)
        {
            _inventory.CountDatagram();
            if (!_inventory.Network.Contains(senderAddress))
            {
                _inventory.CountOutside();
                return true;
            }
            SsdpAnswer answer = SsdpAnswer.Parse(data, offset, count, _maxBytes);
            if (answer.Problem != null)
            {
                _inventory.CountMalformed();
                return true;
            }
            if (_gatewaySearch && answer.SearchTarget != SsdpSearch.InternetGatewayDevice1)
            {
                _inventory.CountStray();
                return true;
            }
            DiscoveredDevice device = _inventory.Take(senderAddress);
            if (device == null) return true;
            UpnpUrl location = UpnpUrl.Parse(answer.Location);
            string kept = location != null && UpnpUrl.SameHost(location.Host, senderAddress) ? location.ToString() : null;
            bool gateway = answer.SearchTarget == SsdpSearch.InternetGatewayDevice1 || answer.SearchTarget == SsdpSearch.InternetGatewayDevice2;
            device.SetSsdp(answer.Server, kept, gateway);
            return true;
        }

        /// <summary>Reads the device description from the device's own LOCATION and takes its identity.</summary>
        public static void Describe(IHttpTransport http, DiscoveredDevice device, DiscoveryOptions options, int timeoutMs)
        {
            string url = device.DescriptionUrl;
            if (url == null || timeoutMs <= 0) return;
            HttpRequest request = new HttpRequest("GET", url);
            request.TimeoutMs = timeoutMs < options.HttpTimeoutMs ? timeoutMs : options.HttpTimeoutMs;
            request.MaxBodyBytes = options.MaxDescriptionBytes;
            request.MaxHeaderBytes = 8 * 1024;
            UpnpDescription description = new UpnpDescription();
            XmlScanner scanner = new XmlScanner(description, 16, 512, options.MaxDescriptionBytes);
            HttpResponse response = http.Send(request, scanner);
            if (scanner.Error != null || response.Outcome != HttpOutcome.Completed || response.StatusCode != 200 || !scanner.Finish()) return;
            device.SetUpnp(description.DeviceType, description.Manufacturer, description.ModelName, description.ModelNumber);
        }
    }
}
