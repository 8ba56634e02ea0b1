using System.Collections;
using FlaxGuard.Engine.Facts;
using FlaxGuard.Engine.Json;

namespace FlaxGuard.Engine.Probes.RouterOs
{
    /// <summary>
    /// Issue 13's third round: the menus Meris, Glupteba, TrickBot's MikroTik proxies, VPNFilter and later MikroTik
    /// botnets change beyond the first two rounds (routes and policy routing, mangle and raw rules, what DHCP hands
    /// out, proxy access rules, MAC access, bandwidth test, SMB, traffic-flow export, IPsec, containers, trusted CAs,
    /// password policy, logging rules). Every one of these menus is optional: a release or package without it answers
    /// 400 "no such command or directory" (or 404), which becomes a routeros.unsupported fact naming the menu, never a
    /// failed probe. Proxy access and traffic-flow targets are read only while that service is on, IPsec identities only
    /// when a peer is configured, containers only while the container package is enabled. Lists are bounded
    /// like every other menu; .proplist keeps counters, states and secrets out of the answers. The fourth round adds
    /// static address-list entries, the IPv6 filter, NAT, address lists and static routes, /ip/ssh, /radius (and /user/aaa
    /// only when a RADIUS server authenticates logins) and the NTP client, equally optional.
    /// </summary>
    public static class RouterOsDepthCollector
    {
        private const string DhcpNetworks = "/ip/dhcp-server/network?.proplist=address,gateway,dns-server,dns-none,dynamic";
        private const string Mangle = "/ip/firewall/mangle";
        private const string Raw = "/ip/firewall/raw";
        // Only static routes: a BGP or OSPF table can hold far more dynamic routes than any answer bound allows.
        private const string Routes = "/ip/route?dynamic=false&.proplist=dst-address,gateway,routing-table,distance,blackhole,disabled,dynamic";
        private const string RoutingRules = "/routing/rule";
        private const string WebProxyAccess = "/ip/proxy/access?.proplist=src-address,dst-address,dst-host,dst-port,local-port,path,method,action,action-data,disabled,dynamic";
        private const string SocksAccess = "/ip/socks/access?.proplist=src-address,src-port,dst-address,dst-port,action,disabled,dynamic";
        private const string MacTelnet = "/tool/mac-server";
        private const string MacWinbox = "/tool/mac-server/mac-winbox";
        private const string BandwidthServer = "/tool/bandwidth-server";
        private const string Smb = "/ip/smb";
        private const string TrafficFlow = "/ip/traffic-flow";
        private const string FlowTargets = "/ip/traffic-flow/target";
        private const string IpsecPeers = "/ip/ipsec/peer?.proplist=name,address,exchange-mode,passive,disabled,dynamic";
        private const string IpsecIdentities = "/ip/ipsec/identity?.proplist=peer,auth-method,generate-policy,disabled,dynamic";
        private const string Containers = "/container?.proplist=name,tag,remote-image,file,root-dir,interface";
        private const string Certificates = "/certificate?.proplist=name,common-name,fingerprint,authority,trusted";
        private const string UserSettings = "/user/settings";
        private const string LoggingRules = "/system/logging?.proplist=topics,action,disabled";
        // Issue 13's fourth round: address lists, IPv6 firewall and routes, SSH server, RADIUS, NTP.
        private const string AddressList = "/ip/firewall/address-list?dynamic=false&.proplist=list,address,timeout,disabled,dynamic";
        private const string Filter6 = "/ipv6/firewall/filter";
        private const string Nat6 = "/ipv6/firewall/nat";
        private const string AddressList6 = "/ipv6/firewall/address-list?dynamic=false&.proplist=list,address,timeout,disabled,dynamic";
        private const string Routes6 = "/ipv6/route?dynamic=false&.proplist=dst-address,gateway,routing-table,distance,blackhole,disabled,dynamic";
        private const string Ssh = "/ip/ssh";
        private const string Radius = "/radius?.proplist=address,service,disabled";
        private const string UserAaa = "/user/aaa";
        private const string NtpClient = "/system/ntp/client";

        /// <summary>Reads the menus; null when all were read (or are not supported), else why not.</summary>
        public static string Collect(RouterOsRestClient client, RouterOsFactBuffer facts, int maxItems)
        {
            // failed: a read that went wrong (already in words); problem: an answer the fact reader refused.
            string failed;
            string problem;
            JsonValue value;

            if ((value = ReadList(client, DhcpNetworks, facts, maxItems, out failed)) != null && (problem = RouterOsRouteFacts.FromDhcpNetworks(value, facts)) != null) return Explain(DhcpNetworks, problem);
            if (failed != null) return failed;
            if ((value = ReadList(client, Mangle, facts, maxItems, out failed)) != null && (problem = RouterOsFirewallFacts.FromMangle(value, facts)) != null) return Explain(Mangle, problem);
            if (failed != null) return failed;
            if ((value = ReadList(client, Raw, facts, maxItems, out failed)) != null && (problem = RouterOsFirewallFacts.FromRaw(value, facts)) != null) return Explain(Raw, problem);
            if (failed != null) return failed;
            if ((value = ReadList(client, Routes, facts, maxItems, out failed)) != null && (problem = RouterOsRouteFacts.FromRoutes(value, facts)) != null) return Explain(Routes, problem);
            if (failed != null) return failed;
            if ((value = ReadList(client, RoutingRules, facts, maxItems, out failed)) != null && (problem = RouterOsRouteFacts.FromRoutingRules(value, facts)) != null) return Explain(RoutingRules, problem);
            if (failed != null) return failed;

            // Who may relay through a proxy matters only while it is on (RouterOsNetworkFacts gave the proxy facts).
            if (facts.Get("cfg.proxy.web") != null)
            {
                if ((value = ReadList(client, WebProxyAccess, facts, maxItems, out failed)) != null && (problem = RouterOsExposureFacts.FromProxyAccess(value, "cfg.proxy.web", facts)) != null) return Explain(WebProxyAccess, problem);
                if (failed != null) return failed;
            }
            if (facts.Get("cfg.proxy.socks") != null)
            {
                if ((value = ReadList(client, SocksAccess, facts, maxItems, out failed)) != null && (problem = RouterOsExposureFacts.FromProxyAccess(value, "cfg.proxy.socks", facts)) != null) return Explain(SocksAccess, problem);
                if (failed != null) return failed;
            }

            if ((value = ReadSettings(client, MacTelnet, facts, out failed)) != null && (problem = RouterOsExposureFacts.FromMacServer(value, "telnet", facts)) != null) return Explain(MacTelnet, problem);
            if (failed != null) return failed;
            if ((value = ReadSettings(client, MacWinbox, facts, out failed)) != null && (problem = RouterOsExposureFacts.FromMacServer(value, "winbox", facts)) != null) return Explain(MacWinbox, problem);
            if (failed != null) return failed;
            if ((value = ReadSettings(client, BandwidthServer, facts, out failed)) != null && (problem = RouterOsExposureFacts.FromBandwidthServer(value, facts)) != null) return Explain(BandwidthServer, problem);
            if (failed != null) return failed;
            if ((value = ReadSettings(client, Smb, facts, out failed)) != null && (problem = RouterOsExposureFacts.FromSmb(value, facts)) != null) return Explain(Smb, problem);
            if (failed != null) return failed;

            if ((value = ReadSettings(client, TrafficFlow, facts, out failed)) != null)
            {
                bool exporting = RouterOsExposureFacts.TrafficFlowEnabled(value, out problem);
                if (problem != null) return Explain(TrafficFlow, problem);
                if (exporting && (value = ReadList(client, FlowTargets, facts, maxItems, out failed)) != null && (problem = RouterOsExposureFacts.FromFlowTargets(value, facts)) != null) return Explain(FlowTargets, problem);
            }
            if (failed != null) return failed;

            int before = facts.Count;
            if ((value = ReadList(client, IpsecPeers, facts, maxItems, out failed)) != null && (problem = RouterOsTrustFacts.FromIpsecPeers(value, facts)) != null) return Explain(IpsecPeers, problem);
            if (failed != null) return failed;
            // An identity belongs to a peer: without a configured peer there is none to read (dynamic ones are left out anyway).
            if (facts.Count > before)
            {
                if ((value = ReadList(client, IpsecIdentities, facts, maxItems, out failed)) != null && (problem = RouterOsTrustFacts.FromIpsecIdentities(value, facts)) != null) return Explain(IpsecIdentities, problem);
                if (failed != null) return failed;
            }
            // /container exists only while the container package is enabled (RouterOsSystemFacts reported the packages).
            if (facts.Get("routeros.package.container") == null) NoteUnsupported(Containers, facts);
            else
            {
                if ((value = ReadList(client, Containers, facts, maxItems, out failed)) != null && (problem = RouterOsTrustFacts.FromContainers(value, facts)) != null) return Explain(Containers, problem);
                if (failed != null) return failed;
            }
            if ((value = ReadList(client, Certificates, facts, maxItems, out failed)) != null && (problem = RouterOsTrustFacts.FromCertificates(value, facts)) != null) return Explain(Certificates, problem);
            if (failed != null) return failed;
            if ((value = ReadSettings(client, UserSettings, facts, out failed)) != null && (problem = RouterOsTrustFacts.FromUserSettings(value, facts)) != null) return Explain(UserSettings, problem);
            if (failed != null) return failed;
            if ((value = ReadList(client, LoggingRules, facts, maxItems, out failed)) != null && (problem = RouterOsTrustFacts.FromLoggingRules(value, facts)) != null) return Explain(LoggingRules, problem);
            if (failed != null) return failed;
            return CollectFourth(client, facts, maxItems);
        }

        // Address lists after the filter that names them (IPv4's was read with the main menus), IPv6, SSH, RADIUS, NTP.
        private static string CollectFourth(RouterOsRestClient client, RouterOsFactBuffer facts, int maxItems)
        {
            string failed;
            string problem;
            JsonValue value;
            if ((value = ReadList(client, AddressList, facts, maxItems, out failed)) != null && (problem = RouterOsAddressListFacts.FromEntries(value, false, facts)) != null) return Explain(AddressList, problem);
            if (failed != null) return failed;
            if ((value = ReadList(client, Filter6, facts, maxItems, out failed)) != null && (problem = RouterOsFirewallFacts.FromFilter6(value, facts)) != null) return Explain(Filter6, problem);
            if (failed != null) return failed;
            if ((value = ReadList(client, Nat6, facts, maxItems, out failed)) != null && (problem = RouterOsFirewallFacts.FromNat6(value, facts)) != null) return Explain(Nat6, problem);
            if (failed != null) return failed;
            if ((value = ReadList(client, AddressList6, facts, maxItems, out failed)) != null && (problem = RouterOsAddressListFacts.FromEntries(value, true, facts)) != null) return Explain(AddressList6, problem);
            if (failed != null) return failed;
            // IPv6 static routes share cfg.route.TABLE.DST with IPv4's (their destinations cannot collide) and its rules (::/0 is critical).
            if ((value = ReadList(client, Routes6, facts, maxItems, out failed)) != null && (problem = RouterOsRouteFacts.FromRoutes(value, facts)) != null) return Explain(Routes6, problem);
            if (failed != null) return failed;
            if ((value = ReadSettings(client, Ssh, facts, out failed)) != null && (problem = RouterOsLoginFacts.FromSsh(value, facts)) != null) return Explain(Ssh, problem);
            if (failed != null) return failed;

            // /user/aaa matters only when a RADIUS server authenticates logins: most routers have none and skip the call.
            ArrayList loginServers = null;
            if ((value = ReadList(client, Radius, facts, maxItems, out failed)) != null)
            {
                loginServers = RouterOsLoginFacts.FromRadius(value, facts, out problem);
                if (problem != null) return Explain(Radius, problem);
            }
            if (failed != null) return failed;
            if (loginServers != null)
            {
                if ((value = ReadSettings(client, UserAaa, facts, out failed)) != null && (problem = RouterOsLoginFacts.FromUserAaa(value, loginServers, facts)) != null) return Explain(UserAaa, problem);
                if (failed != null) return failed;
            }
            if ((value = ReadSettings(client, NtpClient, facts, out failed)) != null && (problem = RouterOsNetworkFacts.FromNtpClient(value, facts)) != null) return Explain(NtpClient, problem);
            return failed;
        }

        // A list menu; null with no failure when the router has no such menu (then it is noted as unsupported).
        private static JsonValue ReadList(RouterOsRestClient client, string query, RouterOsFactBuffer facts, int maxItems, out string failed)
        {
            JsonValue value = RouterOsRestProbe.OptionalList(client, query, maxItems, out failed);
            if (value == null && failed == null) NoteUnsupported(query, facts);
            return value;
        }

        private static JsonValue ReadSettings(RouterOsRestClient client, string query, RouterOsFactBuffer facts, out string failed)
        {
            JsonValue value = RouterOsRestProbe.OptionalSingleton(client, query, out failed);
            if (value == null && failed == null) NoteUnsupported(query, facts);
            return value;
        }

        private static string Explain(string query, string problem)
        {
            int end = query.IndexOf('?');
            return RouterOsRestProbe.Explain(end < 0 ? query : query.Substring(0, end), problem);
        }

        /// <summary>routeros.unsupported lists each menu this release or its packages lack (several are joined, sorted).</summary>
        private static void NoteUnsupported(string query, RouterOsFactBuffer facts)
        {
            int end = query.IndexOf('?');
            facts.Add("routeros.unsupported", end < 0 ? query : query.Substring(0, end), FactKind.Firmware);
        }
    }
}
