using System;
using System.Threading;
using FlaxGuard.Engine.Platform;

namespace FlaxGuard.Engine.Discovery
{
    /// <summary>
    /// One discovery round over one IPv4 network: the SSDP (all devices, then gateways), mDNS and WS-Discovery
    /// searches at once, each on its own socket and thread; then the admin-port sweep; then identification; then
    /// a suggested profile for every device. Every step is bounded in answers, devices, bytes and time, and every
    /// answer from outside the network is counted and dropped.
    /// </summary>
    public sealed class LanDiscovery
    {
        private readonly IUdpCollector _udp;
        private readonly ITcpConnector _tcp;
        private readonly IHttpTransport _http;
        private readonly IClock _clock;
        private readonly IRandomSource _random;
        private readonly DiscoveryOptions _options;

        public LanDiscovery(IUdpCollector udp, ITcpConnector tcp, IHttpTransport http, IClock clock, IRandomSource random, DiscoveryOptions options)
        {
            if (clock == null) throw new ArgumentNullException("clock");
            if (random == null) throw new ArgumentNullException("random");
            if (options == null) throw new ArgumentNullException("options");
            if (options.MaxDatagramBytes < 512 || options.MaxDatagramBytes > 65507) throw new ArgumentOutOfRangeException("options", "datagram limit must be between 512 and 65507 bytes");
            if (options.MaxDevices < 1 || options.MaxDevices > 1024) throw new ArgumentOutOfRangeException("options", "device cap must be between 1 and 1024");
            if (options.SearchWaitMs < 100 || options.SearchWaitMs > 10000) throw new ArgumentOutOfRangeException("options", "search wait must be between 100 and 10000 ms");
            _udp = udp;
            _tcp = tcp;
            _http = http;
            _clock = clock;
            _random = random;
            _options = options;
        }

        /// <summary>Milliseconds the last round took.</summary>
        public long ElapsedMs { get; private set; }

        /// <summary>HTTP requests the identification step sent in the last round.</summary>
        public int HttpRequests { get; private set; }

        /// <param name="self">The appliance's own address on that network (left out of the inventory and the sweep), or null.</param>
        public DeviceInventory Run(Ipv4Network network, string self)
        {
            if (network == null) throw new ArgumentNullException("network");
            long started = _clock.MonotonicMilliseconds;
            DeviceInventory inventory = new DeviceInventory(network, _options.MaxDevices, self);
            if (_udp != null) Search(inventory);
            if (_tcp != null && _options.Sweep)
            {
                string[] hosts = Without(network.Hosts(), self);
                AdminPortScan.Run(_tcp, _clock, inventory, hosts, _options, _clock.MonotonicMilliseconds + _options.SweepTimeMs);
            }
            DiscoveredDevice[] devices = inventory.Devices();
            if (_http != null && devices.Length > 0)
            {
                DeviceIdentifier identifier = new DeviceIdentifier(_http, _clock, devices, _options);
                identifier.Run(_clock.MonotonicMilliseconds + _options.IdentifyTimeMs);
                HttpRequests = identifier.Requests;
                inventory.CountSent(identifier.Requests);
            }
            for (int i = 0; i < devices.Length; i++) ProfileSuggester.Suggest(devices[i]);
            ElapsedMs = _clock.MonotonicMilliseconds - started;
            return inventory;
        }

        private void Search(DeviceInventory inventory)
        {
            byte[] random = new byte[18];
            _random.NextBytes(random, 0, random.Length);
            byte[] uuid = new byte[16];
            Array.Copy(random, 2, uuid, 0, 16);
            uuid[6] = (byte)((uuid[6] & 0x0F) | 0x40); // RFC 4122 version 4
            uuid[8] = (byte)((uuid[8] & 0x3F) | 0x80);
            SearchWorker[] workers = new SearchWorker[]
            {
                new SearchWorker(_udp, _options, new SsdpDiscovery(inventory, _options.MaxDatagramBytes, false), null, null),
                new SearchWorker(_udp, _options, new SsdpDiscovery(inventory, _options.MaxDatagramBytes, true), null, null),
                new SearchWorker(_udp, _options, null, new MdnsDiscovery(inventory, _options.MaxDatagramBytes, (random[0] << 8) | random[1]), null),
                new SearchWorker(_udp, _options, null, null, new WsDiscoveryProbe(inventory, _options.MaxDatagramBytes, uuid)),
            };
            Thread[] threads = new Thread[workers.Length];
            for (int i = 0; i < workers.Length; i++)
            {
                threads[i] = new Thread(workers[i].Run);
                threads[i].Start();
            }
            // Each search ends by itself after its wait; the margin covers sending and a slow last datagram.
            long until = _clock.MonotonicMilliseconds + _options.SearchWaitMs + 3000;
            for (int i = 0; i < threads.Length; i++)
            {
                long left = until - _clock.MonotonicMilliseconds;
                threads[i].Join(left > 0 ? (int)left : 0);
            }
        }

        private static string[] Without(string[] hosts, string self)
        {
            if (self == null) return hosts;
            int at = -1;
            for (int i = 0; i < hosts.Length; i++) if (hosts[i] == self) at = i;
            if (at < 0) return hosts;
            string[] rest = new string[hosts.Length - 1];
            Array.Copy(hosts, 0, rest, 0, at);
            Array.Copy(hosts, at + 1, rest, at, hosts.Length - at - 1);
            return rest;
        }

        /// <summary>One search on its own thread.</summary>
        private sealed class SearchWorker
        {
            private readonly IUdpCollector _udp;
            private readonly DiscoveryOptions _options;
            private readonly SsdpDiscovery _ssdp;
            private readonly MdnsDiscovery _mdns;
            private readonly WsDiscoveryProbe _wsd;

            public SearchWorker(IUdpCollector udp, DiscoveryOptions options, SsdpDiscovery ssdp, MdnsDiscovery mdns, WsDiscoveryProbe wsd)
            {
                _udp = udp;
                _options = options;
                _ssdp = ssdp;
                _mdns = mdns;
                _wsd = wsd;
            }

            public void Run()
            {
                if (_ssdp != null) _ssdp.Run(_udp, _options);
                if (_mdns != null) _mdns.Run(_udp, _options);
                if (_wsd != null) _wsd.Run(_udp, _options);
            }
        }
    }
}
