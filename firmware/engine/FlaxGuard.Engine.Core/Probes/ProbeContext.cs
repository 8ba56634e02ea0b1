using System;
using FlaxGuard.Engine.Platform;

namespace FlaxGuard.Engine.Probes
{
    /// <summary>The device under check and the platform services a probe may use to reach it.</summary>
    public sealed class ProbeContext
    {
        public ProbeContext(string host, IHttpTransport http, ITcpConnector tcp, IUdpExchange udp, IClock clock)
        {
            if (host == null || host.Length == 0) throw new ArgumentException("host is empty", "host");
            if (clock == null) throw new ArgumentNullException("clock");
            Host = host;
            Http = http;
            Tcp = tcp;
            Udp = udp;
            Clock = clock;
        }

        /// <summary>Also gives probes a random source (DNS message ids, Digest client nonces).</summary>
        public ProbeContext(string host, IHttpTransport http, ITcpConnector tcp, IUdpExchange udp, IClock clock, IRandomSource random)
            : this(host, http, tcp, udp, clock)
        {
            Random = random;
        }

        /// <summary>IP literal (IPv6 without brackets) or host name of the device.</summary>
        public string Host { get; private set; }

        public IHttpTransport Http { get; private set; }

        public ITcpConnector Tcp { get; private set; }

        public IUdpExchange Udp { get; private set; }

        public IClock Clock { get; private set; }

        /// <summary>Cryptographically strong random bytes, or null when the caller gave none.</summary>
        public IRandomSource Random { get; private set; }

        /// <summary>Sends one datagram and gathers every answer (SSDP discovery), or null when the platform has none.</summary>
        public IUdpCollector UdpCollector { get; set; }

        /// <summary>The host as it goes into a URL: IPv6 literals in brackets.</summary>
        public string UrlHost
        {
            get { return Host.IndexOf(':') >= 0 ? "[" + Host + "]" : Host; }
        }
    }
}
