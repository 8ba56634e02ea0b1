using FlaxGuard.Engine.Facts;
using FlaxGuard.Engine.Text;

namespace FlaxGuard.Engine.Probes.OpenWrt
{
    /// <summary>
    /// Tunnel interfaces in uci config network other than WireGuard (which <see cref="WireGuardFacts"/> reads):
    /// openwrt.tunnel.&lt;iface&gt; = "proto=P peer=ADDRESS" (" off" when disabled). Relay botnets such as the KV-botnet
    /// carry traffic through tunnels they set up on the router; a new one is a standing path in or out. The protocols
    /// are netifd's tunnel and VPN protos (package/network/config/gre, ipip, 6in4, 6rd, vti, xfrm, vxlan, ds-lite,
    /// xl2tpd, ppp's pptp, openconnect, sstp-client, vpnc); the far end is peeraddr, peer6addr or server.
    /// </summary>
    public static class TunnelFacts
    {
        public static readonly string[] Protocols = new string[]
        {
            "gre", "gretap", "grev6", "grev6tap", "ipip", "ipip6", "6in4", "6to4", "6rd", "dslite", "vti", "vtiv6", "xfrm",
            "vxlan", "vxlan6", "l2tp", "pptp", "openconnect", "sstp", "vpnc",
        };

        /// <summary>The interface options this reader uses, for the uci section filter.</summary>
        public static readonly string[] PeerOptions = new string[] { "peeraddr", "peer6addr", "server", "disabled" };

        public static void Read(UciPackage network, OpenWrtFactSheet sheet)
        {
            UciSection[] interfaces = network.OfType("interface");
            for (int i = 0; i < interfaces.Length; i++)
            {
                UciSection nic = interfaces[i];
                string proto = UciText.Lower(nic.Option("proto"));
                if (proto == null || !IsTunnel(proto)) continue;
                string peer = nic.Option("peeraddr");
                if (peer == null || peer.Trim().Length == 0) peer = nic.Option("peer6addr");
                if (peer == null || peer.Trim().Length == 0) peer = nic.Option("server");
                TextBuilder value = sheet.Text.Clear().Append("proto=").Append(proto).Append(" peer=");
                value.Append(peer == null || peer.Trim().Length == 0 ? "none" : UciText.Lower(FactText.Clean(peer.Trim(), 100)));
                if (nic.Flag("disabled", false)) value.Append(" off");
                string text = value.ToString();
                sheet.Add(sheet.Text.Clear().Append("openwrt.tunnel.").AppendKeySegment(UciText.Lower(nic.Name), 64).ToString(), text, FactKind.Config);
            }
        }

        private static bool IsTunnel(string proto)
        {
            for (int i = 0; i < Protocols.Length; i++)
            {
                if (Protocols[i] == proto) return true;
            }
            return false;
        }
    }
}
