namespace FlaxGuard.Engine.Probes.Upnp
{
    /// <summary>
    /// Reads a UPnP device description (UDA 1.1 section 2.3) as it streams through an <see cref="XmlScanner"/>:
    /// the root device's identity (type, manufacturer, model name, number and description; never the serial
    /// number or UDN) and the control URL of its WAN connection service, WANIPConnection:2, :1 or
    /// WANPPPConnection:1, wherever it sits in the embedded device tree.
    /// </summary>
    public sealed class UpnpDescription : IXmlHandler
    {
        public const string WanIpConnection1 = "urn:schemas-upnp-org:service:WANIPConnection:1";
        public const string WanIpConnection2 = "urn:schemas-upnp-org:service:WANIPConnection:2";
        public const string WanPppConnection1 = "urn:schemas-upnp-org:service:WANPPPConnection:1";

        private int _rootDevices;
        private string _serviceType;
        private string _controlUrl;
        private int _bestRank;

        public string DeviceType { get; private set; }

        public string Manufacturer { get; private set; }

        public string ModelName { get; private set; }

        public string ModelNumber { get; private set; }

        public string ModelDescription { get; private set; }

        /// <summary>The URLBase element (UPnP 1.0 devices), or null.</summary>
        public string UrlBase { get; private set; }

        /// <summary>The WAN connection service chosen (one of the three constants), or null when there is none.</summary>
        public string ServiceType { get; private set; }

        /// <summary>Its controlURL as written in the description (relative or absolute), or null.</summary>
        public string ControlUrl { get; private set; }

        public void OnStartElement(XmlScanner scanner)
        {
            int depth = scanner.Depth;
            if (depth == 1)
            {
                if (!scanner.LocalNameIs("root")) scanner.Reject("is not a UPnP device description (its root element is not <root>)");
                return;
            }
            if (depth == 2 && scanner.LocalNameIs("device"))
            {
                if (++_rootDevices > 1) scanner.Reject("describes more than one root device");
                return;
            }
            if (scanner.LocalNameIs("service"))
            {
                _serviceType = null;
                _controlUrl = null;
            }
        }

        public void OnEndElement(XmlScanner scanner)
        {
            int depth = scanner.Depth;
            if (depth == 2 && scanner.LocalNameIs("URLBase"))
            {
                UrlBase = Take(scanner, UrlBase);
                return;
            }
            if (depth == 3 && scanner.LocalNameAtIs(2, "device"))
            {
                if (scanner.LocalNameIs("deviceType")) DeviceType = Take(scanner, DeviceType);
                else if (scanner.LocalNameIs("manufacturer")) Manufacturer = Take(scanner, Manufacturer);
                else if (scanner.LocalNameIs("modelName")) ModelName = Take(scanner, ModelName);
                else if (scanner.LocalNameIs("modelNumber")) ModelNumber = Take(scanner, ModelNumber);
                else if (scanner.LocalNameIs("modelDescription")) ModelDescription = Take(scanner, ModelDescription);
                return;
            }
            if (depth > 1 && scanner.LocalNameAtIs(depth - 1, "service"))
            {
                if (scanner.LocalNameIs("serviceType")) _serviceType = Take(scanner, _serviceType);
                else if (scanner.LocalNameIs("controlURL")) _controlUrl = Take(scanner, _controlUrl);
                return;
            }
            if (scanner.LocalNameIs("service")) ChooseService();
        }

        /// <summary>Keeps the best WAN connection service seen so far: WANIPConnection:2, then :1, then WANPPPConnection:1.</summary>
        private void ChooseService()
        {
            if (_serviceType == null || _controlUrl == null) return;
            string type = _serviceType.Trim();
            int rank;
            string known;
            if (type == WanIpConnection2) { rank = 3; known = WanIpConnection2; }
            else if (type == WanIpConnection1) { rank = 2; known = WanIpConnection1; }
            else if (type == WanPppConnection1) { rank = 1; known = WanPppConnection1; }
            else return;
            if (rank <= _bestRank) return;
            _bestRank = rank;
            ServiceType = known;
            ControlUrl = _controlUrl.Trim();
        }

        private static string Take(XmlScanner scanner, string previous)
        {
            if (previous != null)
            {
                scanner.Reject("repeats an element that must appear once");
                return previous;
            }
            if (scanner.TextOverflowed)
            {
                scanner.Reject("has a value longer than the limit");
                return null;
            }
            string text = scanner.TextString();
            if (text == null) scanner.Reject("has text that is not valid UTF-8");
            return text;
        }
    }
}
