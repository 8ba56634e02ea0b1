using System.Text;
using FlaxGuard.Engine.Platform;
using FlaxGuard.Engine.Probes.Upnp;
using FlaxGuard.Engine.Text;

namespace FlaxGuard.Engine.Discovery
{
    /// <summary>
    /// The WS-Discovery Probe an ONVIF client multicasts to find cameras (WS-Discovery 2005/04 over SOAP 1.2 and UDP
    /// to 239.255.255.250:3702, ONVIF Core Specification section 7.3 "Device discovery"), asking for
    /// NetworkVideoTransmitter. Each answer must be a ProbeMatches whose RelatesTo names our MessageID: anything else
    /// is stray or spoofed and counted, not taken. From a match: the name and hardware scopes and the first XAddr.
    /// </summary>
    public sealed class WsDiscoveryProbe : IDatagramReceiver
    {
        public const string Group = "239.255.255.250";

        private readonly DeviceInventory _inventory;
        private readonly int _maxBytes;
        private readonly string _messageId;
        private readonly WsDiscoveryMatch _match = new WsDiscoveryMatch();
        private readonly XmlScanner _scanner;

        /// <param name="uuid">16 random bytes for the MessageID.</param>
        public WsDiscoveryProbe(DeviceInventory inventory, int maxBytes, byte[] uuid)
        {
            _inventory = inventory;
            _maxBytes = maxBytes;
            _messageId = "urn:uuid:" + Hex.Encode(uuid, 0, 4) + "-" + Hex.Encode(uuid, 4, 2) + "-" + Hex.Encode(uuid, 6, 2) + "-" + Hex.Encode(uuid, 8, 2) + "-" + Hex.Encode(uuid, 10, 6);
            _scanner = new XmlScanner(_match, 12, 1024, maxBytes);
        }

        public string MessageId { get { return _messageId; } }

        public byte[] BuildProbe()
        {
            StringBuilder sb = new StringBuilder(640);
            sb.Append("<?xml version=\"1.0\" encoding=\"UTF-8\"?>");
            sb.Append("<e:Envelope xmlns:e=\"http://www.w3.org/2003/05/soap-envelope\" xmlns:w=\"http://schemas.xmlsoap.org/ws/2004/08/addressing\" ");
            sb.Append("xmlns:d=\"http://schemas.xmlsoap.org/ws/2005/04/discovery\" xmlns:dn=\"http://www.onvif.org/ver10/network/wsdl\">");
            sb.Append("<e:Header><w:MessageID>").Append(_messageId).Append("</w:MessageID>");
            sb.Append("<w:To e:mustUnderstand=\"true\">urn:schemas-xmlsoap-org:ws:2005:04:discovery</w:To>");
            sb.Append("<w:Action e:mustUnderstand=\"true\">http://schemas.xmlsoap.org/ws/2005/04/discovery/Probe</w:Action></e:Header>");
            sb.Append("<e:Body><d:Probe><d:Types>dn:NetworkVideoTransmitter</d:Types></d:Probe></e:Body></e:Envelope>");
            return Utf8.GetBytes(sb.ToString());
        }

        public void Run(IUdpCollector udp, DiscoveryOptions options)
        {
            byte[] probe = BuildProbe();
            byte[] buffer = new byte[_maxBytes + 1];
            ConnectOutcome outcome;
            _inventory.CountSent(1);
            udp.Collect(Group, options.WsDiscoveryPort, probe, 0, probe.Length, buffer, options.MaxAnswersPerSearch, options.SearchWaitMs, this, out outcome);
        }

        public bool Receive(string senderAddress, int senderPort, byte[] data, int offset, int count)
        {
            _inventory.CountDatagram();
            if (!_inventory.Network.Contains(senderAddress))
            {
                _inventory.CountOutside();
                return true;
            }
            if (count > _maxBytes)
            {
                _inventory.CountMalformed();
                return true;
            }
            _match.Reset();
            _scanner.Reset();
            _scanner.Write(data, offset, count);
            if (_scanner.Error != null || !_scanner.Finish() || !_match.IsProbeMatches)
            {
                _inventory.CountMalformed();
                return true;
            }
            if (_match.RelatesTo != _messageId)
            {
                _inventory.CountStray();
                return true;
            }
            DiscoveredDevice device = _inventory.Take(senderAddress);
            if (device == null) return true;
            device.SetOnvif(Scope(_match.Scopes, "onvif://www.onvif.org/name/"), Scope(_match.Scopes, "onvif://www.onvif.org/hardware/"), FirstXAddr(_match.XAddrs, senderAddress));
            return true;
        }

        /// <summary>The percent-decoded rest of the first scope that starts with <paramref name="prefix"/>, or null.</summary>
        public static string Scope(string scopes, string prefix)
        {
            if (scopes == null) return null;
            string[] parts = scopes.Split(' ', '\t', '\r', '\n');
            for (int i = 0; i < parts.Length; i++)
            {
                if (Ordinal.StartsWith(parts[i], prefix) && parts[i].Length > prefix.Length) return PercentDecode(parts[i].Substring(prefix.Length));
            }
            return null;
        }

        /// <summary>The first XAddr whose host is the sender itself; others are not followed.</summary>
        private static string FirstXAddr(string xaddrs, string sender)
        {
            if (xaddrs == null) return null;
            string[] parts = xaddrs.Split(' ', '\t', '\r', '\n');
            for (int i = 0; i < parts.Length; i++)
            {
                UpnpUrl url = UpnpUrl.Parse(parts[i]);
                if (url != null && UpnpUrl.SameHost(url.Host, sender)) return url.ToString();
            }
            return null;
        }

        /// <summary>RFC 3986 percent-decoding into UTF-8; null when the result is not valid UTF-8.</summary>
        public static string PercentDecode(string text)
        {
            if (text.Length > 256) text = text.Substring(0, 256);
            byte[] bytes = new byte[text.Length];
            int n = 0;
            for (int i = 0; i < text.Length; i++)
            {
                char c = text[i];
                if (c == '%' && i + 2 < text.Length)
                {
                    int hi = HexValue(text[i + 1]);
                    int lo = HexValue(text[i + 2]);
                    if (hi >= 0 && lo >= 0)
                    {
                        bytes[n++] = (byte)(hi * 16 + lo);
                        i += 2;
                        continue;
                    }
                }
                bytes[n++] = c < 0x80 ? (byte)c : (byte)'?';
            }
            return Utf8.TryDecode(bytes, 0, n);
        }

        private static int HexValue(char c)
        {
            if (c >= '0' && c <= '9') return c - '0';
            if (c >= 'a' && c <= 'f') return c - 'a' + 10;
            if (c >= 'A' && c <= 'F') return c - 'A' + 10;
            return -1;
        }
    }
}
