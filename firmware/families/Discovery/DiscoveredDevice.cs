using System.Collections;
using FlaxGuard.Engine.Text;

namespace FlaxGuard.Engine.Discovery
{
    /// <summary>
    /// One device of the inventory: what it said about itself, cleaned and bounded (each text at most
    /// <see cref="MaxText"/> characters, at most <see cref="MaxServices"/> service types and
    /// <see cref="MaxTxt"/> TXT entries), and the profile FlaxGuard suggests for it. The first value a
    /// device gives for a field is kept: a second, different answer changes nothing. Discovery workers
    /// run in parallel, so every change takes the device's lock.
    /// </summary>
    public sealed class DiscoveredDevice
    {
        public const int MaxText = 96;
        public const int MaxServices = 12;
        public const int MaxTxt = 12;
        public const int MaxPorts = 16;

        private readonly ArrayList _services = new ArrayList();
        private readonly ArrayList _txt = new ArrayList();
        private readonly ArrayList _ports = new ArrayList();

        public DiscoveredDevice(string address)
        {
            Address = address;
        }

        public string Address { get; private set; }

        /// <summary>DiscoverySource flags.</summary>
        public int Sources { get; private set; }

        public string Manufacturer { get; private set; }
        public string ModelName { get; private set; }
        public string ModelNumber { get; private set; }

        /// <summary>The UPnP root device type (urn:schemas-upnp-org:device:...).</summary>
        public string UpnpDeviceType { get; private set; }

        /// <summary>True when it answered the search for an Internet Gateway Device.</summary>
        public bool IsGateway { get; private set; }

        /// <summary>The SSDP SERVER header (operating system, UPnP version, product).</summary>
        public string SsdpServer { get; private set; }

        /// <summary>The LOCATION of its UPnP description (on the device itself), or null.</summary>
        public string DescriptionUrl { get; private set; }

        public string HttpServer { get; private set; }
        public string HttpTitle { get; private set; }

        /// <summary>Hex SHA-256 of its TLS certificate, when an https port answered.</summary>
        public string CertificateSha256 { get; private set; }

        /// <summary>Subject of that certificate ("CN=..., O=..."), cleaned, when the platform gives it (the Linux agent and CLI).</summary>
        public string CertificateSubject { get; private set; }

        public string OnvifName { get; private set; }
        public string OnvifHardware { get; private set; }
        public string OnvifAddress { get; private set; }

        /// <summary>The mDNS instance name it announced first.</summary>
        public string MdnsName { get; private set; }

        /// <summary>Vendor of its MAC address (Linux only: the neighbour table and IEEE's OUI registry), or null.</summary>
        public string MacVendor { get; set; }

        public string SuggestedProfile { get; set; }

        /// <summary>One of the <see cref="Confidence"/> values, or null when no profile is suggested.</summary>
        public string Confidence { get; set; }

        /// <summary>The evidence for the suggestion, in words.</summary>
        public string Reason { get; set; }

        /// <summary>router, camera, nas, printer or device.</summary>
        public string Kind { get; set; }

        /// <summary>mDNS service types ("_http._tcp"), sorted.</summary>
        public string[] Services() { lock (this) return ToSortedArray(_services); }

        /// <summary>Interesting mDNS TXT entries ("ty=...", "model=..."), sorted.</summary>
        public string[] TxtEntries() { lock (this) return ToSortedArray(_txt); }

        /// <summary>Open admin ports, ascending.</summary>
        public int[] OpenPorts()
        {
            lock (this)
            {
                int[] ports = new int[_ports.Count];
                for (int i = 0; i < ports.Length; i++) ports[i] = (int)_ports[i];
                for (int i = 1; i < ports.Length; i++)
                {
                    int p = ports[i];
                    int j = i - 1;
                    while (j >= 0 && ports[j] > p) { ports[j + 1] = ports[j]; j--; }
                    ports[j + 1] = p;
                }
                return ports;
            }
        }

        public bool HasPort(int port) { lock (this) return _ports.Contains(port); }

        public bool HasService(string type) { lock (this) return _services.Contains(type); }

        public void AddSource(int source) { lock (this) Sources |= source; }

        public void AddPort(int port)
        {
            lock (this)
            {
                Sources |= DiscoverySource.TcpSweep;
                if (!_ports.Contains(port) && _ports.Count < MaxPorts) _ports.Add(port);
            }
        }

        public void AddService(string type)
        {
            string clean = FactText.Clean(type, 64);
            lock (this)
            {
                if (clean.Length > 0 && !_services.Contains(clean) && _services.Count < MaxServices) _services.Add(clean);
            }
        }

        public void AddTxt(string key, string value)
        {
            string entry = FactText.Clean(key, 24) + "=" + FactText.Clean(value, MaxText);
            lock (this)
            {
                if (!_txt.Contains(entry) && _txt.Count < MaxTxt) _txt.Add(entry);
            }
        }

        public void SetUpnp(string deviceType, string manufacturer, string modelName, string modelNumber)
        {
            lock (this)
            {
                UpnpDeviceType = First(UpnpDeviceType, deviceType);
                Manufacturer = First(Manufacturer, manufacturer);
                ModelName = First(ModelName, modelName);
                ModelNumber = First(ModelNumber, modelNumber);
            }
        }

        public void SetSsdp(string server, string location, bool gateway)
        {
            lock (this)
            {
                Sources |= DiscoverySource.Ssdp;
                SsdpServer = First(SsdpServer, server);
                if (DescriptionUrl == null && location != null && location.Length <= 256) DescriptionUrl = location;
                if (gateway) IsGateway = true;
            }
        }

        public void SetHttp(string server, string title, string certificateSha256, string certificateSubject)
        {
            lock (this)
            {
                HttpServer = First(HttpServer, server);
                HttpTitle = First(HttpTitle, title);
                if (CertificateSha256 == null && certificateSha256 != null)
                {
                    CertificateSha256 = certificateSha256;
                    CertificateSubject = First(CertificateSubject, certificateSubject);
                }
            }
        }

        public void SetOnvif(string name, string hardware, string address)
        {
            lock (this)
            {
                Sources |= DiscoverySource.WsDiscovery;
                OnvifName = First(OnvifName, name);
                OnvifHardware = First(OnvifHardware, hardware);
                if (OnvifAddress == null && address != null && address.Length <= 256) OnvifAddress = address;
            }
        }

        public void SetMdnsName(string name)
        {
            lock (this)
            {
                Sources |= DiscoverySource.Mdns;
                MdnsName = First(MdnsName, name);
            }
        }

        /// <summary>A TXT value as mDNS gave it, for the suggestion rules ("ty", "model", "usb_MFG", ...), or null.</summary>
        public string Txt(string key)
        {
            string prefix = key + "=";
            lock (this)
            {
                for (int i = 0; i < _txt.Count; i++)
                {
                    string entry = (string)_txt[i];
                    if (Ordinal.StartsWith(entry, prefix)) return entry.Substring(prefix.Length);
                }
            }
            return null;
        }

        private static string First(string current, string offered)
        {
            if (current != null || offered == null) return current;
            string clean = FactText.Clean(offered, MaxText);
            return clean.Length == 0 ? null : clean;
        }

        private static string[] ToSortedArray(ArrayList list)
        {
            string[] items = new string[list.Count];
            for (int i = 0; i < items.Length; i++) items[i] = (string)list[i];
            for (int i = 1; i < items.Length; i++)
            {
                string s = items[i];
                int j = i - 1;
                while (j >= 0 && Ordinal.Compare(items[j], s) > 0) { items[j + 1] = items[j]; j--; }
                items[j + 1] = s;
            }
            return items;
        }
    }
}
