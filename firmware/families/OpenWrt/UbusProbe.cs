using System;
using FlaxGuard.Engine.Http;
using FlaxGuard.Engine.Json;
using FlaxGuard.Engine.Text;
using FlaxGuard.Engine.Verdicts;

namespace FlaxGuard.Engine.Probes.OpenWrt
{
    /// <summary>
    /// Reads an OpenWrt router's firmware identity and security-relevant settings over ubus JSON-RPC
    /// (uhttpd-mod-ubus at POST /ubus): session login, system board and info, uci get of system, network,
    /// firewall, rpcd, dropbear, uhttpd and dhcp, dropbear's authorized_keys through rpcd's file.read, and the
    /// init scripts through rpcd's rc list. Facts:
    /// fw.vendor/model/version/build, openwrt.distribution/target/model/kernel/hostname,
    /// cfg.user.*, cfg.sshkey.*, cfg.dns.server.*, cfg.dns.dhcp.*, cfg.dns.remote-requests, cfg.ntp.server.*,
    /// cfg.service.ssh/www/www-ssl/telnet, cfg.remote.wan-ssh/wan-http/wan-https/wan-telnet/ssh-gateway-ports,
    /// cfg.forward.&lt;proto&gt;.&lt;port&gt;; where implants persist and redirect: cfg.scheduler.* (crontab, rc.local,
    /// firewall.user, with .fetch for downloads), cfg.script.firewall-include.*, openwrt.init.*, openwrt.account.*,
    /// openwrt.rpcd-admin.*, cfg.dns.hosts/address/file.* (uci, /etc/hosts and /etc/dnsmasq.conf), openwrt.wireguard.*, openwrt.upnpd, openwrt.process.*,
    /// openwrt.file.* and openwrt.package.* (overlay), openwrt.nft.* (fw4) or openwrt.iptables.* (fw3) for the live firewall,
    /// openwrt.build-origin, openwrt.limit.* for cut lists.
    /// Uptime, memory, load, clock, pids and session ids never become facts.
    /// Any refusal, malformed, oversized or late answer ends the probe with "could not verify" and the reason.
    /// </summary>
    public sealed class UbusProbe : IProbe
    {
        private readonly UbusOptions _options;

        public UbusProbe(UbusOptions options)
        {
            if (options == null) throw new ArgumentNullException("options");
            if (options.Scheme != "http" && options.Scheme != "https") throw new ArgumentException("scheme must be http or https", "options");
            if (options.Port < 1 || options.Port > 65535) throw new ArgumentOutOfRangeException("options", "port must be between 1 and 65535");
            if (options.Path == null || options.Path.Length == 0 || options.Path[0] != '/') throw new ArgumentException("path must start with '/'", "options");
            if (options.MaxResponseBytes < 1024) throw new ArgumentOutOfRangeException("options", "the response limit must be at least 1024 bytes");
            _options = options;
        }

        public string Name { get { return "openwrt-ubus"; } }

        public string[] KeyPrefixes { get { return new string[] { "fw.", "openwrt.", "cfg." }; } }

        /// <summary>The session of the last run (logins made), for tests.</summary>
        public UbusSession LastSession { get; private set; }

        public void Run(ProbeContext context, ProbeOutput output)
        {
            if (context.Http == null)
            {
                output.AddVerdict(Verdict.Unverified(Name, "this platform has no HTTP client."));
                return;
            }
            if (_options.Credentials == null)
            {
                output.AddVerdict(Verdict.Unverified(Name, "no OpenWrt login (user name and password) was given."));
                return;
            }
            string url = new TextBuilder(64).Append(_options.Scheme).Append("://").Append(context.UrlHost).Append(':').Append(_options.Port).Append(_options.Path).ToString();
            long deadline = context.Clock.MonotonicMilliseconds + _options.TotalTimeoutMs;
            UbusClient client = new UbusClient(context.Http, context.Clock, _options, url, deadline);
            UbusSession session = new UbusSession(client, _options.Credentials);
            LastSession = session;
            string problem = session.Login();
            if (problem != null)
            {
                if (Ordinal.StartsWith(problem, AuthenticatedHttp.RefusedReason)) output.MarkCredentialsRefused();
                output.AddVerdict(Verdict.Unverified(Name, "could not log in to ubus at " + url + ": " + problem + "."));
                return;
            }
            OpenWrtFactSheet sheet = new OpenWrtFactSheet();
            try
            {
                Collect(session, sheet);
                if (_options.ReadPersistence)
                {
                    string execUrl = new TextBuilder(64).Append(_options.Scheme).Append("://").Append(context.UrlHost).Append(':').Append(_options.Port)
                        .Append(NftFacts.ExecPath).ToString();
                    if (!NftFacts.Read(context, execUrl, session, client.AnswerBuffer, deadline, _options.RequestTimeoutMs, sheet))
                    {
                        IptablesFacts.Read(context, execUrl, session.SessionId, client.AnswerBuffer, deadline, _options.RequestTimeoutMs, sheet);
                    }
                }
            }
            catch (UbusDataException e)
            {
                output.AddVerdict(Verdict.Unverified(Name, "the OpenWrt router at " + url + " could not be checked: " + e.Message + "."));
            }
            if (sheet.Value("openwrt.build-origin") == OpenWrtReleases.NotOfficial)
            {
                output.AddVerdict(new Verdict(VerdictKind.Firmware, Severity.High, "firmware.unofficial-build", "openwrt.build-origin",
                    "The router reports OpenWrt " + sheet.Value("fw.version") + " with revision " + sheet.Value("fw.build")
                    + ", which is not the published build of that release: not an official OpenWrt build."));
            }
            sheet.CopyTo(output);
        }

        // What the fact readers use of each uci config: the sections of these types, each with these options.
        // Every section is still checked; nothing else is copied out of the answer.
        private static readonly string[] SystemTypes = new string[] { "system", "timeserver" };
        private static readonly string[][] SystemOptions = new string[][] { new string[] { "hostname", "log_ip", "log_port", "log_proto" }, new string[] { "enabled", "server" } };
        private static readonly string[] NetworkTypes = new string[] { "interface", WireGuardFacts.PeerType, "route", "route6", "rule", "rule6" };
        private static readonly string[][] NetworkOptions = new string[][]
        {
            // TunnelFacts.PeerOptions too: the far end of a tunnel and whether it is switched off.
            new string[] { "ipaddr", "ip6addr", "dns", "proto", "listen_port", "peeraddr", "peer6addr", "server", "disabled" },
            // Never private_key or preshared_key: secrets stay on the router.
            new string[] { "public_key", "endpoint_host", "endpoint_port", "allowed_ips", "disabled" },
            RouteFacts.RouteOptions, RouteFacts.RouteOptions, RouteFacts.RuleOptions, RouteFacts.RuleOptions,
        };
        private static readonly string[] FirewallTypes = new string[] { "defaults", "zone", "rule", "redirect", "include" };
        private static readonly string[][] FirewallOptions = new string[][]
        {
            new string[] { "input" },
            new string[] { "name", "network", "device", "subnet", "masq", "input" },
            new string[] { "enabled", "dest", "target", "src", "proto", "dest_port", "src_ip" },
            new string[] { "enabled", "target", "proto", "src_dport", "dest_ip", "dest_port" },
            new string[] { "enabled", "path", "type" },
        };
        private static readonly string[] RpcdTypes = new string[] { "login" };
        private static readonly string[][] RpcdOptions = new string[][] { new string[] { "username", "read", "write" } };
        private static readonly string[] DropbearTypes = new string[] { "dropbear" };
        private static readonly string[][] DropbearOptions = new string[][] { AdminServiceFacts.DropbearOptions };
        private static readonly string[] UhttpdTypes = new string[] { "uhttpd" };
        private static readonly string[][] UhttpdOptions = new string[][] { AdminServiceFacts.UhttpdOptions };
        private static readonly string[] DhcpTypes = new string[] { "dnsmasq", "dhcp", "host", "tag" };
        private static readonly string[][] DhcpOptions = new string[][]
        {
            new string[] { "server", "interface", "notinterface", "localservice", "address", "addnhosts", "serversfile", "confdir" },
            new string[] { "ignore", "dhcp_option", "dhcp_option_force", "dns" },
            new string[] { "dhcp_option" },
            new string[] { "dhcp_option", "dhcp_option_force" },
        };
        private static readonly string[] UpnpdTypes = new string[] { "upnpd" };
        private static readonly string[][] UpnpdOptions = new string[][] { new string[] { "enabled", "enable_upnp", "enable_natpmp", "secure_mode" } };

        private void Collect(UbusSession session, OpenWrtFactSheet sheet)
        {
            JsonValue board = Fetch(session, "system", "board", null, null, "system board", false);
            BoardFacts.Read(board, sheet);
            // Only proves the device answers for itself; uptime, memory and load are never facts.
            JsonValue info = Fetch(session, "system", "info", null, null, "system info", false);
            if (info == null) throw new UbusDataException("the device sent no data for system info");

            // Each answer is read into what the facts need before the next call reuses the answer buffer.
            UciPackage system = Uci(session, "system", "reading uci config system", true, SystemTypes, SystemOptions);
            UciPackage network = Uci(session, "network", "reading uci config network", true, NetworkTypes, NetworkOptions);
            UciPackage firewall = Uci(session, "firewall", "reading uci config firewall", true, FirewallTypes, FirewallOptions);
            UciPackage rpcd = Uci(session, "rpcd", "reading uci config rpcd", true, RpcdTypes, RpcdOptions);
            UciPackage dropbear = Uci(session, "dropbear", "reading uci config dropbear", false, DropbearTypes, DropbearOptions);
            UciPackage uhttpd = Uci(session, "uhttpd", "reading uci config uhttpd", false, UhttpdTypes, UhttpdOptions);
            UciPackage dhcp = Uci(session, "dhcp", "reading uci config dhcp", false, DhcpTypes, DhcpOptions);
            UciPackage upnpd = Uci(session, "upnpd", "reading uci config upnpd", false, UpnpdTypes, UpnpdOptions);
            string keys = _options.ReadAuthorizedKeys ? AuthorizedKeys(session) : null;
            JsonValue scripts = Fetch(session, "rc", "list", null, null, "the list of init scripts (rc list)", false);
            FirewallModel model = FirewallModel.Build(firewall, network);
            ServiceFacts.ReadInitScripts(scripts, model, sheet);
            ScriptFacts.ReadInitScripts(scripts, sheet);

            if (_options.ReadPersistence)
            {
                // Where implants persist and redirect (issue 13): each file is read and turned into facts before the next call.
                ScriptFacts.ReadCrontab(ReadFile(session, "/etc/crontabs/root", sheet), sheet);
                ScriptFacts.ReadBootScript(ReadFile(session, "/etc/rc.local", sheet), "rc.local", sheet);
                ScriptFacts.ReadBootScript(ReadFile(session, "/etc/firewall.user", sheet), "firewall.user", sheet);
                PasswdFacts.Read(ReadFile(session, "/etc/passwd", sheet), sheet);
                HostsFacts.Read(ReadFile(session, "/etc/hosts", sheet), sheet);
                DnsmasqConfFacts.Read(ReadFile(session, "/etc/dnsmasq.conf", sheet), sheet);
                ProcessFacts.Read(session, sheet);
                OverlayFacts.Read(session, sheet);
                PersistenceReads.Read(session, sheet);
            }

            SystemFacts.Read(system, sheet);
            AccountFacts.Read(rpcd, sheet);
            DnsFacts.Read(network, dhcp, model, sheet);
            ServiceFacts.ReadDropbear(dropbear, model, sheet);
            ServiceFacts.ReadUhttpd(uhttpd, model, sheet);
            AdminServiceFacts.ReadDropbear(dropbear, sheet);
            AdminServiceFacts.ReadUhttpd(uhttpd, sheet);
            RouteFacts.Read(network, sheet);
            model.AddForwards(sheet);
            SshKeyFacts.Read(keys, "root", sheet);
            ScriptFacts.ReadFirewallIncludes(firewall, sheet);
            WireGuardFacts.Read(network, sheet);
            TunnelFacts.Read(network, sheet);
            UpnpdFacts.Read(upnpd, sheet);
        }

        private static UciPackage Uci(UbusSession session, string config, string what, bool required, string[] types, string[][] options)
        {
            JsonValue data = Fetch(session, "uci", "get", "config", config, what, !required);
            if (data == null && !required) return UciPackage.Empty(config);
            return UciPackage.FromReply(config, data, types, options);
        }

        private string AuthorizedKeys(UbusSession session)
        {
            JsonValue data = Fetch(session, "file", "read", "path", _options.AuthorizedKeysPath, "reading the SSH key file ", _options.AuthorizedKeysPath, true);
            if (data == null) return null;
            JsonValue text = data.Member("data");
            if (text == null || text.Kind != JsonKind.String) throw new UbusDataException("the answer for reading the SSH key file " + _options.AuthorizedKeysPath + " has no text in \"data\"");
            return text.Text;
        }

        /// <summary>
        /// rpcd file.read of a text file: null when it does not exist; "" when empty (status 5, no data). A file the
        /// account's ACL does not grant (status 6) or one of 256 KiB or more (rpcd answers status 8, not supported)
        /// becomes an openwrt.limit fact naming it rather than ending the check.
        /// </summary>
        internal static string ReadFile(UbusSession session, string path, OpenWrtFactSheet sheet)
        {
            // The call's name ("reading /etc/hosts") is made only for a reason.
            UbusReply reply = session.Call("file", "read", null, "path", path, "reading ", path);
            if (reply.Kind == UbusReplyKind.Status)
            {
                if (reply.Code == UbusStatus.NotFound) return null;
                if (reply.Code == UbusStatus.NoData) return string.Empty;
                if (reply.Code == UbusStatus.PermissionDenied)
                {
                    ReadLimits.Add(sheet, UnreadKey(path), "the account's rpcd access list does not grant reading " + path);
                    return null;
                }
                if (reply.Code == UbusStatus.NotSupported)
                {
                    ReadLimits.Add(sheet, UnreadKey(path), path + " is 256 KiB or larger, more than rpcd's file.read returns");
                    return null;
                }
            }
            if (reply.Kind != UbusReplyKind.Ok) throw new UbusDataException(session.Explain(reply, "file", "read", "reading " + path));
            JsonValue text = reply.Data == null ? null : reply.Data.Member("data");
            if (text == null || text.Kind != JsonKind.String) throw new UbusDataException("the answer for reading " + path + " has no text in \"data\"");
            return text.Text;
        }

        // "unread.etc.hosts" for /etc/hosts (string.Replace is not in nanoFramework's CoreLibrary).
        internal static string UnreadKey(string path)
        {
            char[] chars = ("unread" + path).ToCharArray();
            for (int i = 0; i < chars.Length; i++)
            {
                if (chars[i] == '/') chars[i] = '.';
            }
            return new string(chars);
        }

        /// <summary>The data of a successful call; null when <paramref name="missingIsEmpty"/> and the device said "not found".</summary>
        internal static JsonValue Fetch(UbusSession session, string ubusObject, string method, string argumentName, string argumentValue, string what, bool missingIsEmpty)
        {
            return Fetch(session, ubusObject, method, argumentName, argumentValue, what, null, missingIsEmpty);
        }

        /// <summary>As above, the call named by <paramref name="what"/> and <paramref name="whatTail"/>, joined only for a reason.</summary>
        internal static JsonValue Fetch(UbusSession session, string ubusObject, string method, string argumentName, string argumentValue, string what, string whatTail, bool missingIsEmpty)
        {
            UbusReply reply = session.Call(ubusObject, method, null, argumentName, argumentValue, what, whatTail);
            if (reply.Kind == UbusReplyKind.Ok) return reply.Data;
            if (missingIsEmpty && reply.Kind == UbusReplyKind.Status && reply.Code == UbusStatus.NotFound) return null;
            throw new UbusDataException(session.Explain(reply, ubusObject, method, UbusClient.Subject(what, whatTail)));
        }
    }
}
