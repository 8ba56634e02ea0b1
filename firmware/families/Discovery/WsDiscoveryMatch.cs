using FlaxGuard.Engine.Probes.Upnp;

namespace FlaxGuard.Engine.Discovery
{
    /// <summary>
    /// Reads one WS-Discovery answer as it streams through the <see cref="XmlScanner"/>: a SOAP Envelope whose body
    /// holds ProbeMatches; takes RelatesTo from the header and Scopes, XAddrs and Types of the first ProbeMatch.
    /// </summary>
    public sealed class WsDiscoveryMatch : IXmlHandler
    {
        private int _matches;

        public bool IsProbeMatches { get; private set; }
        public string RelatesTo { get; private set; }
        public string Scopes { get; private set; }
        public string XAddrs { get; private set; }

        public void Reset()
        {
            _matches = 0;
            IsProbeMatches = false;
            RelatesTo = null;
            Scopes = null;
            XAddrs = null;
        }

        public void OnStartElement(XmlScanner scanner)
        {
            int depth = scanner.Depth;
            if (depth == 1 && !scanner.LocalNameIs("Envelope")) scanner.Reject("is not a SOAP envelope");
            else if (depth == 3 && scanner.LocalNameAtIs(2, "Body") && scanner.LocalNameIs("ProbeMatches")) IsProbeMatches = true;
            else if (depth == 4 && scanner.LocalNameIs("ProbeMatch")) _matches++;
        }

        public void OnEndElement(XmlScanner scanner)
        {
            int depth = scanner.Depth;
            if (depth == 3 && scanner.LocalNameAtIs(2, "Header") && scanner.LocalNameIs("RelatesTo")) RelatesTo = Text(scanner);
            else if (depth == 5 && _matches == 1 && scanner.LocalNameAtIs(4, "ProbeMatch"))
            {
                if (scanner.LocalNameIs("Scopes")) Scopes = Text(scanner);
                else if (scanner.LocalNameIs("XAddrs")) XAddrs = Text(scanner);
            }
        }

        private static string Text(XmlScanner scanner)
        {
            if (scanner.TextOverflowed) return null;
            string text = scanner.TextString();
            return text == null ? null : text.Trim();
        }
    }
}
