using System.Text;
using FlaxGuard.Engine.Text;

namespace FlaxGuard.Engine.Probes.Upnp
{
    /// <summary>Builds SSDP M-SEARCH requests (UPnP Device Architecture 1.1, section 1.3.2).</summary>
    public static class SsdpSearch
    {
        public const string InternetGatewayDevice1 = "urn:schemas-upnp-org:device:InternetGatewayDevice:1";
        public const string InternetGatewayDevice2 = "urn:schemas-upnp-org:device:InternetGatewayDevice:2";

        /// <summary>The request for <paramref name="searchTarget"/>; <paramref name="host"/> is the multicast group or the device (IPv6 without brackets).</summary>
        public static byte[] Build(string host, int port, string searchTarget, int mx)
        {
            StringBuilder sb = new StringBuilder(160);
            sb.Append("M-SEARCH * HTTP/1.1\r\nHOST: ");
            if (host.IndexOf(':') >= 0) sb.Append('[').Append(host).Append(']');
            else sb.Append(host);
            sb.Append(':').Append(port);
            sb.Append("\r\nMAN: \"ssdp:discover\"\r\nMX: ").Append(mx);
            sb.Append("\r\nST: ").Append(searchTarget).Append("\r\n\r\n");
            return Utf8.GetBytes(sb.ToString());
        }
    }
}
