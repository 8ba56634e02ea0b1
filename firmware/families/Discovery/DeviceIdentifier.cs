using System.Threading;
using FlaxGuard.Engine.Platform;
using FlaxGuard.Engine.Probes;
using FlaxGuard.Engine.Text;

namespace FlaxGuard.Engine.Discovery
{
    /// <summary>
    /// Asks each found device what it is, over what it already offers: its UPnP description (from its own
    /// LOCATION), the Server header and title of its web page on the first open http port, and the same plus the
    /// certificate fingerprint on the first open https port. A few workers, each request bounded in time and
    /// size, and no request starts after the step's deadline. No credentials are ever sent.
    /// </summary>
    public sealed class DeviceIdentifier
    {
        private static readonly int[] HttpPorts = new int[] { 80, 8080, 8000, 5000 };
        private static readonly int[] HttpsPorts = new int[] { 443, 8443 };

        private readonly IHttpTransport _http;
        private readonly IClock _clock;
        private readonly DiscoveryOptions _options;
        private readonly DiscoveredDevice[] _devices;
        private readonly object _gate = new object();
        private long _deadline;
        private int _next;

        public DeviceIdentifier(IHttpTransport http, IClock clock, DiscoveredDevice[] devices, DiscoveryOptions options)
        {
            _http = http;
            _clock = clock;
            _devices = devices;
            _options = options;
        }

        /// <summary>HTTP requests sent.</summary>
        public int Requests { get; private set; }

        public void Run(long deadline)
        {
            _deadline = deadline;
            int workers = _options.IdentifyConcurrency < 1 ? 1 : _options.IdentifyConcurrency;
            if (workers > _devices.Length) workers = _devices.Length;
            if (workers <= 1)
            {
                Work();
                return;
            }
            Thread[] threads = new Thread[workers];
            for (int i = 0; i < workers; i++)
            {
                threads[i] = new Thread(Work);
                threads[i].Start();
            }
            for (int i = 0; i < workers; i++)
            {
                long left = _deadline + _options.HttpTimeoutMs + 1000 - _clock.MonotonicMilliseconds;
                threads[i].Join(left > 0 ? (int)left : 0);
            }
        }

        private void Work()
        {
            HeadCapture page = new HeadCapture(_options.MaxPageBytes);
            while (true)
            {
                DiscoveredDevice device;
                lock (_gate)
                {
                    if (_next >= _devices.Length || _clock.MonotonicMilliseconds >= _deadline) return;
                    device = _devices[_next++];
                }
                if (device.DescriptionUrl != null)
                {
                    Count();
                    SsdpDiscovery.Describe(_http, device, _options, Left());
                }
                int port = FirstOpen(device, HttpPorts);
                if (port > 0) Fetch(device, "http://" + device.Address + ":" + port.ToString() + "/", page);
                port = FirstOpen(device, HttpsPorts);
                if (port > 0) Fetch(device, "https://" + device.Address + ":" + port.ToString() + "/", page);
            }
        }

        private void Fetch(DiscoveredDevice device, string url, HeadCapture page)
        {
            int left = Left();
            if (left <= 0) return;
            Count();
            page.Reset();
            HttpRequest request = new HttpRequest("GET", url);
            request.TimeoutMs = left;
            request.MaxHeaderBytes = 8 * 1024;
            // The head of the page is enough for a title; a longer page is cut, not refused.
            request.MaxBodyBytes = 4L * _options.MaxPageBytes;
            request.AddHeader("Accept", "text/html");
            HttpResponse response = _http.Send(request, page);
            if (response.StatusCode == 0) return;
            string title = HtmlScan.Title(page.Buffer, page.Count);
            string certificate = response.CertificateSha256 == null ? null : Hex.Encode(response.CertificateSha256);
            device.SetHttp(response.GetHeader("Server"), title, certificate, certificate == null ? null : response.CertificateSubject);
        }

        private int Left()
        {
            long left = _deadline - _clock.MonotonicMilliseconds;
            if (left <= 0) return 0;
            return left < _options.HttpTimeoutMs ? (int)left : _options.HttpTimeoutMs;
        }

        private void Count()
        {
            lock (_gate) Requests++;
        }

        private static int FirstOpen(DiscoveredDevice device, int[] ports)
        {
            for (int i = 0; i < ports.Length; i++) if (device.HasPort(ports[i])) return ports[i];
            return 0;
        }
    }
}
