using System.Collections;
using FlaxGuard.Engine.Facts;
using FlaxGuard.Engine.Text;

namespace FlaxGuard.Engine.Probes.OpenWrt
{
    /// <summary>
    /// WireGuard tunnels (uci config network, package wireguard-tools / luci-proto-wireguard): each interface with
    /// proto "wireguard" as openwrt.wireguard.&lt;iface&gt; = "port=N", each enabled peer (sections of type
    /// "wireguard_&lt;iface&gt;") as openwrt.wireguard.peer.&lt;16 hex of SHA-256 of its public key&gt; = "endpoint=H:P
    /// allowed=A,B". A new peer is a standing way into the network. Private and preshared keys are never read.
    /// </summary>
    public static class WireGuardFacts
    {
        public static void Read(UciPackage network, OpenWrtFactSheet sheet)
        {
            UciSection[] interfaces = network.OfType("interface");
            for (int i = 0; i < interfaces.Length; i++)
            {
                if (UciText.Lower(interfaces[i].Option("proto")) != "wireguard") continue;
                string port = interfaces[i].Option("listen_port");
                sheet.Add(sheet.Text.Clear().Append("openwrt.wireguard.").AppendKeySegment(UciText.Lower(interfaces[i].Name), 64).ToString(),
                    "port=" + (port == null ? "auto" : FactText.Clean(port, 8)), FactKind.Config);
            }
            UciSection[] peers = network.OfType(PeerType);
            for (int i = 0; i < peers.Length; i++)
            {
                UciSection peer = peers[i];
                if (peer.Flag("disabled", false)) continue;
                string key = peer.Option("public_key");
                if (key == null || key.Trim().Length == 0) continue;
                string host = peer.Option("endpoint_host");
                string port = peer.Option("endpoint_port");
                ArrayList allowed = new ArrayList();
                string[] ips = peer.Words("allowed_ips");
                for (int k = 0; k < ips.Length; k++) allowed.Add(UciText.Lower(ips[k]));
                TextBuilder value = new TextBuilder(64).Append("endpoint=");
                value.Append(host == null || host.Trim().Length == 0 ? "none" : UciText.Lower(FactText.Clean(host.Trim(), 100)));
                if (port != null && port.Trim().Length > 0) value.Append(':').Append(FactText.Clean(port.Trim(), 8));
                value.Append(" allowed=").Append(allowed.Count == 0 ? "none" : UciText.SortedJoin(allowed, ","));
                string id = sheet.Digest.Start().Add(key.Trim()).FinishHex16(sheet.Text.Clear().Append("openwrt.wireguard.peer.")).ToString();
                sheet.Add(id, value.ToString(), FactKind.Config);
            }
        }

        /// <summary>The uci type pattern of peer sections (see <see cref="UciSection"/>: a trailing '*' matches by prefix).</summary>
        public const string PeerType = "wireguard_*";
    }
}
