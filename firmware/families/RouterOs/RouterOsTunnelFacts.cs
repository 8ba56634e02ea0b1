using FlaxGuard.Engine.Facts;
using FlaxGuard.Engine.Json;
using FlaxGuard.Engine.Text;

namespace FlaxGuard.Engine.Probes.RouterOs
{
    /// <summary>
    /// Ways into the network over a tunnel: the PPTP, L2TP, SSTP and OpenVPN servers (cfg.tunnel.server.KIND while
    /// enabled), PPP secrets (cfg.ppp.secret.NAME = service, profile and remote address; the password is never asked
    /// for, the probe's .proplist leaves it out) and WireGuard peers (cfg.wireguard.peer.DIGEST of the public key =
    /// interface and allowed addresses). A new VPN account or peer is a way back in that survives a password change.
    /// Handshake times, current endpoints and byte counters change by themselves and are never facts. Since issue 13's
    /// second round also tunnels the router dials out (cfg.tunnel.client.KIND.NAME), EoIP/GRE/IPIP links
    /// (cfg.tunnel.link.KIND.NAME) and RoMON (cfg.remote.romon).
    /// </summary>
    public static class RouterOsTunnelFacts
    {
        /// <summary>A tunnel server menu: one settings object (PPTP, L2TP, SSTP) or, for OpenVPN since 7.17, a list of servers.</summary>
        public static string FromServer(JsonValue answer, string kind, RouterOsFactBuffer facts)
        {
            if (answer.Kind == JsonKind.Object) return FromServerSettings(answer, kind, facts);
            for (int i = 0; i < answer.Count; i++)
            {
                string problem = FromServerSettings(answer.Item(i), kind, facts);
                if (problem != null) return problem;
            }
            return null;
        }

        private static string FromServerSettings(JsonValue server, string kind, RouterOsFactBuffer facts)
        {
            string problem = null;
            bool enabled = RouterOsShape.IsSetChecked(server, "enabled", false, ref problem);
            bool disabled = RouterOsShape.IsSetChecked(server, "disabled", false, ref problem);
            if (problem != null) return "the " + kind + " server settings: " + problem;
            // The single-server menus say "enabled"; the OpenVPN server list says "disabled".
            if (server.Member("enabled") == null) enabled = !disabled;
            if (!enabled || disabled) return null;
            string port = RouterOsReachFacts.Lower(RouterOsShape.CheckedField(server, "port"), 8);
            facts.Add(facts.Text.Clear().Append("cfg.tunnel.server.").Append(kind).ToString(), port.Length == 0 ? "on" : "port=" + port, FactKind.Config);
            return null;
        }

        /// <summary>/ppp/secret (read with .proplist=name,service,profile,remote-address,disabled).</summary>
        public static string FromPppSecrets(JsonValue secrets, RouterOsFactBuffer facts)
        {
            for (int i = 0; i < secrets.Count; i++)
            {
                JsonValue secret = secrets.Item(i);
                string problem = null;
                bool disabled = RouterOsShape.IsSetChecked(secret, "disabled", false, ref problem);
                if (problem != null) return "PPP secret " + (i + 1).ToString() + ": " + problem;
                string name = RouterOsShape.CheckedField(secret, "name");
                if (name == null || name.Length == 0) return "PPP secret " + (i + 1).ToString() + " has no name";
                if (disabled) continue;
                string service = RouterOsReachFacts.Lower(RouterOsShape.CheckedField(secret, "service"), 16);
                string profile = RouterOsReachFacts.Lower(RouterOsShape.CheckedField(secret, "profile"), 64);
                string remote = RouterOsReachFacts.Lower(RouterOsShape.CheckedField(secret, "remote-address"), 64);
                TextBuilder text = facts.Text.Clear().Append("service=").Append(service.Length == 0 ? "any" : service).Append(" profile=").Append(profile.Length == 0 ? "default" : profile);
                if (remote.Length > 0) text.Append(" remote=").Append(remote);
                string value = text.ToString();
                facts.Add(text.Clear().Append("cfg.ppp.secret.").AppendKeySegment(name, 64).ToString(), value, FactKind.Config);
            }
            return null;
        }

        /// <summary>/interface/wireguard/peers (read with .proplist=interface,public-key,allowed-address,endpoint-address,endpoint-port,disabled,dynamic).</summary>
        public static string FromWireGuardPeers(JsonValue peers, RouterOsFactBuffer facts)
        {
            for (int i = 0; i < peers.Count; i++)
            {
                JsonValue peer = peers.Item(i);
                string problem = null;
                bool disabled = RouterOsShape.IsSetChecked(peer, "disabled", false, ref problem);
                bool dynamic = RouterOsShape.IsSetChecked(peer, "dynamic", false, ref problem);
                if (problem != null) return "WireGuard peer " + (i + 1).ToString() + ": " + problem;
                string publicKey = RouterOsShape.CheckedField(peer, "public-key");
                if (publicKey == null || publicKey.Trim().Length == 0) return "WireGuard peer " + (i + 1).ToString() + " has no public key";
                if (disabled || dynamic) continue;
                string key = facts.Text.Clear().Append("cfg.wireguard.peer.").Append(facts.Digest.Start().Add("routeros-wireguard-peer\n").Add(publicKey.Trim()).FinishHex16()).ToString();
                string wg = RouterOsReachFacts.Lower(RouterOsShape.CheckedField(peer, "interface"), 32);
                string[] allowed = RouterOsText.NormalizeList(RouterOsShape.CheckedField(peer, "allowed-address"));
                string endpoint = RouterOsReachFacts.Lower(RouterOsShape.CheckedField(peer, "endpoint-address"), 100);
                TextBuilder text = facts.Text.Clear().Append("interface=").Append(wg).Append(" allowed=");
                if (allowed.Length == 0) text.Append("none");
                else RouterOsText.AppendList(text, allowed);
                if (endpoint.Length > 0) text.Append(" endpoint=").Append(endpoint);
                facts.Add(key, text.ToString(), FactKind.Config);
            }
            return null;
        }

        /// <summary>
        /// /interface/KIND-client (PPTP, L2TP, SSTP, OpenVPN; read with .proplist=name,connect-to,user,disabled) gives
        /// cfg.tunnel.client.KIND.NAME = "to=SERVER user=USER"; /interface/eoip, gre, ipip (.proplist=name,remote-address,disabled)
        /// give cfg.tunnel.link.KIND.NAME = "remote=ADDRESS". Enabled ones only; the password is never asked for.
        /// </summary>
        public static string FromOutgoing(JsonValue tunnels, string kind, bool dialsOut, RouterOsFactBuffer facts)
        {
            for (int i = 0; i < tunnels.Count; i++)
            {
                JsonValue tunnel = tunnels.Item(i);
                string problem = null;
                bool disabled = RouterOsShape.IsSetChecked(tunnel, "disabled", false, ref problem);
                if (problem != null) return kind + " tunnel " + (i + 1).ToString() + ": " + problem;
                string name = RouterOsShape.CheckedField(tunnel, "name");
                if (name == null || name.Length == 0) return kind + " tunnel " + (i + 1).ToString() + " has no name";
                if (disabled) continue;
                string remote = RouterOsReachFacts.Lower(RouterOsShape.CheckedField(tunnel, dialsOut ? "connect-to" : "remote-address"), 100);
                TextBuilder text = facts.Text.Clear().Append(dialsOut ? "to=" : "remote=").Append(remote.Length == 0 ? "unset" : remote);
                if (dialsOut)
                {
                    string user = FactText.Clean(RouterOsShape.CheckedField(tunnel, "user"), 64);
                    if (user.Length > 0) text.Append(" user=").Append(user);
                }
                string value = text.ToString();
                facts.Add(text.Clear().Append(dialsOut ? "cfg.tunnel.client." : "cfg.tunnel.link.").Append(kind).Append('.').AppendKeySegment(name, 64).ToString(), value, FactKind.Config);
            }
            return null;
        }

        /// <summary>/tool/romon: cfg.remote.romon = "on" while enabled.</summary>
        public static string FromRomon(JsonValue romon, RouterOsFactBuffer facts)
        {
            string problem = null;
            bool enabled = RouterOsShape.IsSetChecked(romon, "enabled", false, ref problem);
            if (problem != null) return problem;
            if (enabled) facts.Add("cfg.remote.romon", "on", FactKind.Config);
            return null;
        }
    }
}
