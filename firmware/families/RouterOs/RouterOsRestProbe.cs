using System;
using System.Collections;
using FlaxGuard.Engine.Http;
using FlaxGuard.Engine.Facts;
using FlaxGuard.Engine.Json;
using FlaxGuard.Engine.Verdicts;

namespace FlaxGuard.Engine.Probes.RouterOs
{
    /// <summary>
    /// Reads a MikroTik router's identity, firmware and security-relevant settings over the RouterOS v7 REST API
    /// (HTTP Basic; GET, and one POST for the reporting command check-installation, so a "read" group account is enough). Facts: fw.vendor|model|version|build,
    /// routeros.channel|architecture|routerboard.model|routerboot|package.NAME, cfg.user.NAME, cfg.sshkey.DIGEST,
    /// cfg.service.NAME and cfg.remote.NAME, cfg.dns.server.ADDRESS|remote-requests|doh, cfg.forward.PROTO.PORT,
    /// cfg.script.NAME, cfg.scheduler.NAME(.fetch), cfg.proxy.socks|web, and (issue 13) cfg.usergroup.NAME, cfg.admin.NAME,
    /// cfg.dns.static.NAME, cfg.firewall.CHAIN.ACTION.DIGEST, cfg.nat.CHAIN.ACTION.DIGEST, cfg.netwatch.HOST(.fetch),
    /// cfg.event.MENU.NAME(.fetch) for scripts run on PPP, DHCP server and DHCP client events,
    /// cfg.file.KIND.NAME, cfg.cloud.ddns, cfg.remote.back-to-home, cfg.upnp, cfg.snmp.write.DIGEST, cfg.sniffer.stream,
    /// cfg.log.remote.NAME, cfg.tunnel.server.KIND, cfg.ppp.secret.NAME, cfg.wireguard.peer.DIGEST, the third round's
    /// routes, routing rules, DHCP networks, mangle/raw rules, proxy access, MAC access, bandwidth test, SMB, traffic-flow,
    /// IPsec, containers, trusted CAs, password policy and logging rules, the fourth round's address lists, IPv6 filter, NAT
    /// and routes, SSH server, RADIUS and NTP client (see RouterOsDepthCollector), and the self-checks
    /// routeros.device-mode(.flagged), routeros.installation and routeros.package-mismatch.NAME. Items are keyed by name, never by RouterOS
    /// ".id" (which renumbers on reboot), and nothing that changes by itself becomes a fact. Every answer is bounded
    /// in size and time and must have RouterOS's documented shape; otherwise the whole probe is "could not verify"
    /// and no partial facts are reported. Passwords never reach a fact or a message.
    /// </summary>
    public sealed class RouterOsRestProbe : IProbe
    {
        private readonly RouterOsOptions _options;

        public RouterOsRestProbe(RouterOsOptions options)
        {
            if (options == null) throw new ArgumentNullException("options");
            if (options.Credentials == null) throw new ArgumentException("RouterOS REST needs a user name and password", "options");
            if (options.Scheme != "http" && options.Scheme != "https") throw new ArgumentException("scheme must be http or https", "options");
            if (options.Port < 1 || options.Port > 65535) throw new ArgumentOutOfRangeException("options", "port must be between 1 and 65535");
            if (options.RequestTimeoutMs < 1 || options.TotalTimeoutMs < 1) throw new ArgumentOutOfRangeException("options", "time limits must be positive");
            if (options.MaxBodyBytes < 1024) throw new ArgumentOutOfRangeException("options", "the answer size limit must be at least 1024 bytes");
            _options = options;
        }

        public string Name { get { return "routeros-rest"; } }

        public string[] KeyPrefixes { get { return new string[] { "fw.", "cfg.", "routeros." }; } }

        /// <summary>Requests the last run sent (the first only learns the authentication challenge).</summary>
        public int LastRequestCount { get; private set; }

        public void Run(ProbeContext context, ProbeOutput output)
        {
            if (context.Http == null)
            {
                output.AddVerdict(Verdict.Unverified(Name, "this platform has no HTTP client."));
                return;
            }
            if (context.Random == null)
            {
                output.AddVerdict(Verdict.Unverified(Name, "this platform gave the probe no random source for HTTP authentication."));
                return;
            }
            RouterOsRestClient client = new RouterOsRestClient(context, _options, context.Random);
            RouterOsFactBuffer facts = new RouterOsFactBuffer();
            string reason = Collect(client, facts, _options.MaxListItems);
            LastRequestCount = client.RequestsSent;
            if (reason != null)
            {
                if (reason.IndexOf(AuthenticatedHttp.RefusedReason) >= 0) output.MarkCredentialsRefused();
                output.AddVerdict(Verdict.Unverified(Name, "the RouterOS REST API at " + client.Origin + " could not be read: " + reason + "."));
                return;
            }
            facts.CopyTo(output);
            for (int i = 0; i < facts.Verdicts.Count; i++) output.AddVerdict((Verdict)facts.Verdicts[i]);
            if (facts.Get("routeros.device-mode.flagged") != null)
            {
                output.AddVerdict(new Verdict(VerdictKind.Firmware, Severity.Critical, "routeros.device-mode.flagged", "routeros.device-mode.flagged",
                    "RouterOS reports itself as flagged: it detected tampering with its own system files. Treat the router as compromised; reinstall it with Netinstall."));
            }
            string installation = facts.Get("routeros.installation");
            if (installation != null && installation != RouterOsIntegrityFacts.InstallationOk && installation != RouterOsIntegrityFacts.InstallationUnavailable)
            {
                output.AddVerdict(new Verdict(VerdictKind.Firmware, Severity.Critical, "routeros.installation.failed", "routeros.installation",
                    "RouterOS's own installation check did not pass (it said \"" + installation + "\"). Its packages may have been altered; reinstall it with Netinstall."));
            }
        }

        /// <summary>Reads every menu; null when all were read and understood, else why not.</summary>
        private static string Collect(RouterOsRestClient client, RouterOsFactBuffer facts, int maxItems)
        {
            JsonValue value;
            string problem;

            value = Singleton(client, "/system/resource", out problem);
            if (value == null) return problem;
            if ((problem = Explain("/system/resource", RouterOsSystemFacts.FromResource(value, facts))) != null) return problem;

            value = List(client, "/system/package", maxItems, out problem);
            if (value == null) return problem;
            if ((problem = Explain("/system/package", RouterOsSystemFacts.FromPackages(value, facts))) != null) return problem;

            // CHR and x86 installs have no RouterBOARD menu and answer 400 "no such command or directory".
            value = OptionalSingleton(client, "/system/routerboard", out problem);
            if (problem != null) return problem;
            if (value != null && (problem = Explain("/system/routerboard", RouterOsSystemFacts.FromRouterboard(value, facts))) != null) return problem;

            if ((problem = CheckIntegrity(client, facts)) != null) return problem;

            value = List(client, "/user/group", maxItems, out problem);
            if (value == null) return problem;
            Hashtable adminGroups = RouterOsAccessFacts.FromGroups(value, facts, out problem);
            if (adminGroups == null) return Explain("/user/group", problem);

            value = List(client, "/user", maxItems, out problem);
            if (value == null) return problem;
            if ((problem = Explain("/user", RouterOsAccessFacts.FromUsers(value, adminGroups, facts))) != null) return problem;

            value = List(client, "/user/ssh-keys", maxItems, out problem);
            if (value == null) return problem;
            if ((problem = Explain("/user/ssh-keys", RouterOsAccessFacts.FromSshKeys(value, facts))) != null) return problem;

            value = List(client, "/ip/service", maxItems, out problem);
            if (value == null) return problem;
            if ((problem = Explain("/ip/service", RouterOsAccessFacts.FromServices(value, facts))) != null) return problem;

            value = Singleton(client, "/ip/dns", out problem);
            if (value == null) return problem;
            if ((problem = Explain("/ip/dns", RouterOsNetworkFacts.FromDns(value, facts))) != null) return problem;

            value = List(client, "/ip/dns/static", maxItems, out problem);
            if (value == null) return problem;
            if ((problem = Explain("/ip/dns/static", RouterOsNetworkFacts.FromDnsStatic(value, facts))) != null) return problem;

            value = List(client, "/ip/firewall/filter", maxItems, out problem);
            if (value == null) return problem;
            if ((problem = Explain("/ip/firewall/filter", RouterOsFirewallFacts.FromFilter(value, facts))) != null) return problem;

            value = List(client, "/ip/firewall/nat", maxItems, out problem);
            if (value == null) return problem;
            if ((problem = Explain("/ip/firewall/nat", RouterOsNetworkFacts.FromNat(value, facts))) != null) return problem;
            if ((problem = Explain("/ip/firewall/nat", RouterOsFirewallFacts.FromNat(value, facts))) != null) return problem;

            if ((problem = CollectTasks(client, facts, maxItems)) != null) return problem;
            if ((problem = CollectReach(client, facts, maxItems)) != null) return problem;
            if ((problem = CollectTunnels(client, facts, maxItems)) != null) return problem;
            return RouterOsDepthCollector.Collect(client, facts, maxItems);
        }

        // device-mode, check-installation and /file (see RouterOsIntegrityFacts).
        private static string CheckIntegrity(RouterOsRestClient client, RouterOsFactBuffer facts)
        {
            string problem;
            // Before 7.13 there is no device-mode menu.
            JsonValue value = OptionalSingleton(client, "/system/device-mode", out problem);
            if (problem != null) return problem;
            if (value == null) facts.Add("routeros.device-mode", "unsupported", FactKind.Firmware);
            else
            {
                RouterOsIntegrityFacts.FromDeviceMode(value, facts, out problem);
                if (problem != null) return Explain("/system/device-mode", problem);
            }

            RouterOsReply failure;
            value = client.Run("/system/check-installation", "{\"once\":\"\"}", out failure);
            string status;
            if (value == null)
            {
                // 400 (no such command), 403 (policy) or 404 mean the router will not say; anything else is a failed read.
                if (failure.Status != 400 && failure.Status != 403 && failure.Status != 404) return failure.Reason;
                status = RouterOsIntegrityFacts.InstallationUnavailable;
            }
            else
            {
                status = RouterOsIntegrityFacts.InstallationStatus(value, out problem);
                if (status == null) return Explain("/system/check-installation", problem);
            }
            facts.Add("routeros.installation", status, FactKind.Firmware);
            return null;
        }

        // Menu query, fact menu name, name field, script field, second script field (or null).
        private static readonly string[] EventMenus = new string[]
        {
            "/ppp/profile?.proplist=name,on-up,on-down", "ppp-profile", "name", "on-up", "on-down",
            "/ip/dhcp-server?.proplist=name,lease-script,disabled", "dhcp-server", "name", "lease-script", null,
            "/ip/dhcp-client?.proplist=interface,script,disabled", "dhcp-client", "interface", "script", null,
        };

        // Scripts, schedulers, netwatch, event scripts, the files they import, and /file.
        private static string CollectTasks(RouterOsRestClient client, RouterOsFactBuffer facts, int maxItems)
        {
            string problem;
            JsonValue value = List(client, "/system/script", maxItems, out problem);
            if (value == null) return problem;
            Hashtable sources = RouterOsTaskFacts.FromScripts(value, facts, out problem);
            if (sources == null) return Explain("/system/script", problem);

            ArrayList fetches = new ArrayList();
            value = List(client, "/system/scheduler", maxItems, out problem);
            if (value == null) return problem;
            if ((problem = Explain("/system/scheduler", RouterOsTaskFacts.FromSchedulers(value, sources, facts, fetches))) != null) return problem;

            value = OptionalList(client, "/tool/netwatch", maxItems, out problem);
            if (problem != null) return problem;
            if (value != null && (problem = Explain("/tool/netwatch", RouterOsTaskFacts.FromNetwatch(value, sources, facts, fetches))) != null) return problem;

            // Scripts that run on events, where implants hide a reinstall as well as in the scheduler.
            for (int i = 0; i < EventMenus.Length; i += 5)
            {
                value = OptionalList(client, EventMenus[i], maxItems, out problem);
                if (problem != null) return problem;
                if (value != null && (problem = Explain(EventMenus[i], RouterOsTaskFacts.FromEventScripts(value, EventMenus[i + 1], EventMenus[i + 2], EventMenus[i + 3], EventMenus[i + 4], sources, facts, fetches))) != null) return problem;
            }

            // Scripts that only import a file: read what the file does (one level; the file's own imports stay "import:").
            ArrayList imported = RouterOsTaskFacts.ImportedFiles(fetches);
            Hashtable importedHosts = new Hashtable();
            for (int i = 0; i < imported.Count; i++)
            {
                string file = (string)imported[i];
                value = List(client, "/file?.proplist=name,contents&name=" + RouterOsText.QueryValue(file), 4, out problem);
                if (value == null) return problem;
                if (value.Count == 0) continue;
                string contents = RouterOsShape.CheckedField(value.Item(0), "contents");
                if (contents == null) continue;
                string host = RouterOsText.FetchHost(contents);
                importedHosts.Add(file, host == null ? string.Empty : host);
            }
            RouterOsTaskFacts.AddFetches(fetches, importedHosts, facts);

            value = List(client, "/file?.proplist=name,type", maxItems, out problem);
            if (value == null) return problem;
            return Explain("/file", RouterOsIntegrityFacts.FromFiles(value, facts));
        }

        // Proxies, cloud, UPnP, SNMP, sniffer, remote logging.
        private static string CollectReach(RouterOsRestClient client, RouterOsFactBuffer facts, int maxItems)
        {
            string problem;
            JsonValue value = Singleton(client, "/ip/socks", out problem);
            if (value == null) return problem;
            if ((problem = Explain("/ip/socks", RouterOsNetworkFacts.FromSocks(value, facts))) != null) return problem;

            value = Singleton(client, "/ip/proxy", out problem);
            if (value == null) return problem;
            if ((problem = Explain("/ip/proxy", RouterOsNetworkFacts.FromWebProxy(value, facts))) != null) return problem;

            // CHR without a license and some x86 installs have no cloud service.
            value = OptionalSingleton(client, "/ip/cloud", out problem);
            if (problem != null) return problem;
            if (value != null && (problem = Explain("/ip/cloud", RouterOsReachFacts.FromCloud(value, facts))) != null) return problem;

            value = Singleton(client, "/ip/upnp", out problem);
            if (value == null) return problem;
            if ((problem = Explain("/ip/upnp", RouterOsReachFacts.FromUpnp(value, facts))) != null) return problem;

            value = Singleton(client, "/snmp", out problem);
            if (value == null) return problem;
            bool snmp = RouterOsReachFacts.SnmpEnabled(value, out problem);
            if (problem != null) return Explain("/snmp", problem);
            if (snmp)
            {
                value = List(client, "/snmp/community?.proplist=name,addresses,write-access,disabled", maxItems, out problem);
                if (value == null) return problem;
                if ((problem = Explain("/snmp/community", RouterOsReachFacts.FromSnmpCommunities(value, facts))) != null) return problem;
            }

            value = Singleton(client, "/tool/sniffer", out problem);
            if (value == null) return problem;
            if ((problem = Explain("/tool/sniffer", RouterOsReachFacts.FromSniffer(value, facts))) != null) return problem;

            value = List(client, "/system/logging/action", maxItems, out problem);
            if (value == null) return problem;
            return Explain("/system/logging/action", RouterOsReachFacts.FromLoggingActions(value, facts));
        }

        private static readonly string[] TunnelKinds = new string[] { "pptp", "l2tp", "sstp", "ovpn" };
        private static readonly string[] ServerMenus = new string[]
        {
            "/interface/pptp-server/server", "/interface/l2tp-server/server", "/interface/sstp-server/server", "/interface/ovpn-server/server",
        };

        // VPN servers, PPP secrets, WireGuard peers.
        private static string CollectTunnels(RouterOsRestClient client, RouterOsFactBuffer facts, int maxItems)
        {
            string problem;
            JsonValue value;
            for (int i = 0; i < TunnelKinds.Length; i++)
            {
                string menu = ServerMenus[i];
                RouterOsReply failure;
                value = client.Read(menu, out failure);
                if (value == null)
                {
                    if (failure.Status == 400 || failure.Status == 404) continue;
                    return failure.Reason;
                }
                if (value.Kind == JsonKind.Array) problem = RouterOsShape.ListProblem(value);
                else problem = RouterOsShape.RecordProblem(value);
                if (problem == null && value.Kind == JsonKind.Array && value.Count > maxItems) problem = "it lists more than " + maxItems.ToString() + " items";
                if (problem == null) problem = RouterOsTunnelFacts.FromServer(value, TunnelKinds[i], facts);
                if (problem != null) return Explain(menu, problem);
            }

            // The password is never asked for.
            value = List(client, "/ppp/secret?.proplist=name,service,profile,remote-address,disabled", maxItems, out problem);
            if (value == null) return problem;
            if ((problem = Explain("/ppp/secret", RouterOsTunnelFacts.FromPppSecrets(value, facts))) != null) return problem;

            // Nor are private or preshared keys.
            value = OptionalList(client, "/interface/wireguard/peers?.proplist=interface,public-key,allowed-address,endpoint-address,disabled,dynamic", maxItems, out problem);
            if (problem != null) return problem;
            if (value != null && (problem = Explain("/interface/wireguard/peers", RouterOsTunnelFacts.FromWireGuardPeers(value, facts))) != null) return problem;

            // Tunnels the router dials out (Meris added an L2TP client "lvpn") and point-to-point links to a remote address.
            for (int i = 0; i < OutgoingKinds.Length; i++)
            {
                bool dialsOut = i < TunnelKinds.Length;
                value = OptionalList(client, OutgoingQueries[i], maxItems, out problem);
                if (problem != null) return problem;
                if (value != null && (problem = RouterOsTunnelFacts.FromOutgoing(value, OutgoingKinds[i], dialsOut, facts)) != null)
                {
                    return Explain("/interface/" + OutgoingKinds[i] + (dialsOut ? "-client" : ""), problem);
                }
            }

            // RoMON: MikroTik's own layer-2 management network, a way in that ignores IP firewall rules.
            JsonValue romon = OptionalSingleton(client, "/tool/romon", out problem);
            if (problem != null) return problem;
            if (romon != null) return Explain("/tool/romon", RouterOsTunnelFacts.FromRomon(romon, facts));
            return null;
        }

        // Tunnel clients (same kinds as the servers), then point-to-point links; the queries are constants so a run builds no menu text.
        private static readonly string[] OutgoingKinds = new string[] { "pptp", "l2tp", "sstp", "ovpn", "eoip", "gre", "ipip" };
        private static readonly string[] OutgoingQueries = new string[]
        {
            "/interface/pptp-client?.proplist=name,connect-to,user,disabled",
            "/interface/l2tp-client?.proplist=name,connect-to,user,disabled",
            "/interface/sstp-client?.proplist=name,connect-to,user,disabled",
            "/interface/ovpn-client?.proplist=name,connect-to,user,disabled",
            "/interface/eoip?.proplist=name,remote-address,disabled",
            "/interface/gre?.proplist=name,remote-address,disabled",
            "/interface/ipip?.proplist=name,remote-address,disabled",
        };

        internal static JsonValue List(RouterOsRestClient client, string menu, int maxItems, out string problem)
        {
            RouterOsReply failure;
            JsonValue value = client.Read(menu, out failure);
            if (value == null)
            {
                problem = failure.Reason;
                return null;
            }
            problem = Explain(menu, RouterOsShape.ListProblem(value));
            // Every list from the router is bounded: one this long is not a configuration a person keeps.
            if (problem == null && value.Count > maxItems) problem = Explain(menu, "it lists more than " + maxItems.ToString() + " items");
            return problem == null ? value : null;
        }

        /// <summary><see cref="List"/> for a menu some releases or packages lack: null with no problem when the router says there is no such menu.</summary>
        internal static JsonValue OptionalList(RouterOsRestClient client, string menu, int maxItems, out string problem)
        {
            RouterOsReply failure;
            problem = null;
            JsonValue value = client.Read(menu, out failure);
            if (value == null)
            {
                if (failure.Status != 400 && failure.Status != 404) problem = failure.Reason;
                return null;
            }
            problem = Explain(menu, RouterOsShape.ListProblem(value));
            if (problem == null && value.Count > maxItems) problem = Explain(menu, "it lists more than " + maxItems.ToString() + " items");
            return problem == null ? value : null;
        }

        internal static JsonValue Singleton(RouterOsRestClient client, string menu, out string problem)
        {
            RouterOsReply failure;
            JsonValue value = client.Read(menu, out failure);
            if (value == null)
            {
                problem = failure.Reason;
                return null;
            }
            string why;
            JsonValue settings = RouterOsShape.Singleton(value, out why);
            problem = Explain(menu, why);
            return settings;
        }

        internal static JsonValue OptionalSingleton(RouterOsRestClient client, string menu, out string problem)
        {
            RouterOsReply failure;
            problem = null;
            JsonValue value = client.Read(menu, out failure);
            if (value == null)
            {
                if (failure.Status != 400 && failure.Status != 404) problem = failure.Reason;
                return null;
            }
            string why;
            JsonValue settings = RouterOsShape.Singleton(value, out why);
            problem = Explain(menu, why);
            return settings;
        }

        internal static string Explain(string menu, string problem)
        {
            return problem == null ? null : "the answer to /rest" + menu + " is not what RouterOS sends: " + problem;
        }
    }
}
