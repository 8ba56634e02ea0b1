using FlaxGuard.Wording;
using FlaxGuard.Engine.Families;
using System.Security.Cryptography;
using System.Text;
using FlaxGuard.Engine.Drift;
using FlaxGuard.Engine.Facts;
using FlaxGuard.Engine.Verdicts;
using FlaxGuard.Lab.Twins;
using FlaxGuard.Lab.Twins.RouterOs;

namespace FlaxGuard.Probes.Tests.RouterOs;

/// <summary>
/// The RouterOS REST probe against the RouterOS twin: the clean router gives exactly the expected facts, every
/// compromise the twin can be put into is detected with its DriftRules severity against a baseline taken from the
/// clean run, and every kind of benign churn (which really changes what the API answers) gives no drift at all.
/// </summary>
[TestClass]
public sealed class RouterOsScenarioTests
{
    public TestContext TestContext { get; set; } = null!;

    private static string Digest16(string text) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)))[..16];

    private static string KeyDigest(byte[] blob) => Convert.ToHexStringLower(SHA256.HashData(blob))[..16];

    [TestMethod]
    public async Task CleanRouter_GivesExactlyTheExpectedFacts()
    {
        await using var twin = await RouterOsLab.StartTwinAsync();
        var output = RouterOsLab.RunVerified(twin);
        var expected = new SortedDictionary<string, string>(StringComparer.Ordinal)
        {
            ["fw.vendor"] = "mikrotik",
            ["fw.model"] = "RB5009UG+S+",
            ["fw.version"] = "7.20.8",
            ["fw.build"] = "2026-01-13 10:21:48",
            ["routeros.channel"] = "long-term",
            ["routeros.architecture"] = "arm64",
            ["routeros.routerboard.model"] = "RB5009UG+S+",
            ["routeros.routerboot"] = "7.20.8",
            ["cfg.user.admin"] = "full",
            ["cfg.sshkey." + KeyDigest(RouterOsTwinState.Ed25519Blob(1))] = "admin ed25519",
            ["cfg.service.www"] = $"port={twin.Port} from=100.64.88.0/24,127.0.0.0/8,fd00:64:88::/64",
            ["cfg.service.ssh"] = "port=22 from=100.64.88.0/24,fd00:64:88::/64",
            ["cfg.service.winbox"] = "port=8291 from=100.64.88.0/24,fd00:64:88::/64",
            ["cfg.dns.server.192.0.2.53"] = "configured",
            ["cfg.dns.server.198.51.100.53"] = "configured",
            ["cfg.forward.tcp.8443"] = "100.64.88.20:443",
            ["cfg.script.backup-config"] = Digest16("/system backup save name=nightly dont-encrypt=no /export file=nightly"),
            ["cfg.scheduler.nightly-backup"] = "1d00:00:00 " + Digest16("backup-config"),
            // Issue 13 and 14.
            ["cfg.admin.admin"] = "full",
            ["cfg.user.viewer"] = "read",
            ["cfg.usergroup.full"] = "api,ftp,local,password,policy,read,reboot,rest-api,romon,sensitive,sniff,ssh,telnet,test,web,winbox,write",
            ["cfg.usergroup.read"] = "api,local,password,read,reboot,rest-api,romon,sensitive,sniff,ssh,telnet,test,web,winbox",
            ["cfg.usergroup.write"] = "api,local,password,read,reboot,rest-api,romon,sensitive,sniff,ssh,telnet,test,web,winbox,write",
            ["cfg.dns.static.router.lan"] = "a 100.64.88.1",
            ["cfg.file.script.flash/nightly.rsc"] = "present",
            ["cfg.log.remote.siem"] = "100.64.88.30:514",
            ["cfg.netwatch.100.64.88.20"] = "simple " + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes("\n/log warning \"nas down\"\n")))[..16],
            ["cfg.ppp.secret.roadwarrior"] = "service=l2tp profile=default-encryption remote=100.64.89.10",
            ["cfg.tunnel.server.l2tp"] = "on",
            // Issue 13's second round: the owner's SSTP client to head office (never its password) and EoIP link to the branch.
            ["cfg.tunnel.client.sstp.sstp-hq"] = "to=vpn.hq.example user=branch7",
            ["cfg.tunnel.link.eoip.eoip-branch"] = "remote=100.64.91.1",
            ["routeros.device-mode"] = "advanced",
            ["routeros.installation"] = "ok",
            // Issue 13's third round: what DHCP hands out, a static route to the branch, MAC access on the LAN list, the
            // bandwidth-test server, the router's own CA, the password policy, where each log topic goes, and the one menu
            // this router lacks (the container package is installed but disabled).
            ["cfg.dhcp.network.100.64.88.0/24"] = "gw=100.64.88.1 dns=router",
            ["cfg.route.main.100.64.92.0/24"] = "gw=100.64.88.254 distance=1",
            ["cfg.mac.telnet"] = "lan",
            ["cfg.mac.winbox"] = "lan",
            ["cfg.btest"] = "auth=yes",
            ["cfg.cert.ca." + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes("lab-cert-local-root")))[..16]] = "lab-rb5009 CA",
            ["cfg.password.min-length"] = "10",
            ["cfg.password.min-categories"] = "2",
            ["cfg.log.to.memory"] = "error,info,warning",
            ["cfg.log.to.echo"] = "critical",
            ["cfg.log.to.siem"] = "account,system",
            ["routeros.unsupported"] = "/container",
            // Issue 13's fourth round: the "mgmt" lists Winbox accepts, defconf's bad_ipv6 list and IPv4 bogons (the port-scan
            // list's entry has a timeout and is never a fact), RouterOS's SSH default of weak ciphers allowed, the NTP servers.
            ["cfg.address-list.accept.mgmt.100.64.88.10"] = "accepted",
            ["cfg.address-list.entry.bogons.192.0.2.0/24"] = "listed",
            ["cfg.address-list6.accept.mgmt6.fd00:64:88::10"] = "accepted",
            ["cfg.address-list6.entry.bad_ipv6.::/128"] = "listed",
            ["cfg.address-list6.entry.bad_ipv6.2001:db8::/32"] = "listed",
            ["cfg.ssh.weak-crypto"] = "allowed",
            ["cfg.ntp.server.time.example"] = "configured",
            ["cfg.ntp.server.192.0.2.123"] = "configured",
        };
        // Rules are keyed by a digest of their content: checked by chain, action and summary.
        var rules = new Dictionary<string, string>
        {
            ["cfg.firewall.input.accept."] = "connection-state=established,related,untracked",
            ["cfg.firewall.input.accept.|"] = "protocol=icmp",
            ["cfg.firewall.input.drop."] = "connection-state=invalid",
            ["cfg.firewall.input.drop.|"] = "in-interface-list=!lan",
            ["cfg.firewall.forward.fasttrack-connection."] = "connection-state=established,related",
            ["cfg.firewall.forward.drop."] = "connection-state=new in-interface-list=wan",
            ["cfg.nat.srcnat.masquerade."] = "any",
            ["cfg.wireguard.peer."] = "interface=wg-home allowed=100.64.90.2/32",
            ["cfg.mangle.forward.change-mss."] = "protocol=tcp",
            ["cfg.raw.prerouting.drop."] = "in-interface-list=wan",
            ["cfg.firewall.input.accept.||"] = "protocol=tcp dst-port=8291",
            ["cfg.firewall6.input.accept."] = "connection-state=established,related,untracked",
            ["cfg.firewall6.input.accept.|"] = "protocol=icmpv6",
            ["cfg.firewall6.input.accept.||"] = "protocol=udp src-address=fe80::/10 dst-port=546",
            ["cfg.firewall6.input.accept.|||"] = "protocol=tcp dst-port=8291",
            ["cfg.firewall6.input.drop."] = "connection-state=invalid",
            ["cfg.firewall6.input.drop.|"] = "in-interface-list=!lan",
            ["cfg.firewall6.forward.drop."] = "any",
            ["cfg.firewall6.forward.drop.|"] = "in-interface-list=!lan",
        };
        foreach (var fact in output.Facts.ToArray().Where(f => rules.Keys.Any(k => f.Key.StartsWith(k.TrimEnd('|'), StringComparison.Ordinal))))
        {
            var prefix = rules.Keys.First(k => fact.Key.StartsWith(k.TrimEnd('|'), StringComparison.Ordinal) && rules[k] == fact.Value);
            Assert.AreEqual(prefix.TrimEnd('|').Length + 16, fact.Key.Length, fact.Key);
            rules.Remove(prefix);
            expected[fact.Key] = fact.Value;
        }
        Assert.IsEmpty(rules, "rules not reported: " + string.Join(", ", rules.Keys));
        var actual = output.Facts.ToArray().ToDictionary(f => f.Key, f => f.Value);
        CollectionAssert.AreEquivalent(expected.ToList(), actual.ToList(), "facts:\n" + string.Join("\n", actual.Select(p => p.Key + "=" + p.Value)));
        Assert.AreEqual(0, output.DuplicateFacts);
        Assert.AreEqual(FactKind.Firmware, output.Facts.Get("fw.version")!.Kind);
        Assert.AreEqual(FactKind.Identity, output.Facts.Get("fw.model")!.Kind);
        Assert.AreEqual(FactKind.Config, output.Facts.Get("cfg.user.admin")!.Kind);
        foreach (var fact in output.Facts.ToArray())
        {
            Assert.IsFalse(fact.Value.Contains(RouterOsLab.Password, StringComparison.Ordinal), fact.Key);
            Assert.DoesNotContain('*', fact.Value, "no RouterOS .id may reach a fact: " + fact);
        }
    }

    [TestMethod]
    public async Task TunnelPasswords_NeverReachAFact_EvenWithTheMeris_L2tpClient()
    {
        await using var twin = await RouterOsLab.StartTwinAsync();
        twin.Apply(TwinChanges.TunnelClient);
        var output = RouterOsLab.RunVerified(twin);
        Assert.AreEqual("to=" + RouterOsTwinState.AttackerHost + " user=lvpn", output.Facts.Get("cfg.tunnel.client.l2tp.lvpn")!.Value);
        var all = string.Join("\n", output.Facts.ToArray().Select(f => f.ToString()));
        foreach (var secret in new[] { "lab-sstp-pw", "lab-ppp-pw", "lab-psk" })
            Assert.IsFalse(all.Contains(secret, StringComparison.Ordinal), "a tunnel password reached a fact");
    }

    [TestMethod]
    public async Task Probe_SendsOneChallengeAndOneGetPerMenu()
    {
        await using var twin = await RouterOsLab.StartTwinAsync();
        var before = twin.Requests;
        // The warm-up request of StartTwinAsync is already counted in before.
        var (output, elapsed, probe) = RouterOsLab.Run(twin.Address.ToString(), RouterOsLab.Options(twin.Port));
        Assert.AreEqual(0, output.VerdictCount);
        // 38 menus (since issue 13's second round also four tunnel clients, EoIP/GRE/IPIP and RoMON), 14 of issue 13's third
        // round (proxy access rules, traffic-flow targets, IPsec identities and containers only while there is something to read), the check-installation command and
        // one unauthenticated request that learns the Basic challenge.
        // Issue 13's fourth round: IPv4 and IPv6 address lists, the IPv6 filter, NAT and routes, SSH, RADIUS and NTP
        // (/user/aaa only when a RADIUS server authenticates logins). Then the scripts run on events: PPP profiles, DHCP
        // servers and the DHCP client.
        Assert.AreEqual(65, probe.LastRequestCount);
        Assert.AreEqual(65, twin.Requests - before);

        var menus = new[] { "system/resource", "system/package", "system/routerboard", "user", "user/ssh-keys", "ip/service", "ip/dns", "ip/firewall/nat", "system/script", "system/scheduler", "ip/socks", "ip/proxy" };
        var sizes = new List<int>();
        foreach (var menu in menus) sizes.Add((await RouterOsLab.GetRawAsync(twin, "/rest/" + menu)).Body.Length);
        TestContext.WriteLine($"routeros probe: {probe.LastRequestCount} requests in {elapsed} ms, {output.Facts.Count} facts, answers {sizes.Sum()} bytes in all, largest {sizes.Max()} bytes");
        Assert.IsLessThan(new FlaxGuard.Engine.Probes.RouterOs.RouterOsOptions(new FlaxGuard.Engine.Http.HttpCredentials("a", "b")).MaxBodyBytes / 8, sizes.Max(), "the default size bound leaves room for a much larger router");
    }

    public static IEnumerable<object[]> Compromises =>
    [
        [TwinChanges.NewAdmin, Severity.Critical, "cfg.user.support", "full"],
        [TwinChanges.SshKeyAdded, Severity.Critical, "cfg.sshkey." + KeyDigest(RouterOsTwinState.RsaBlob(7)), "admin rsa"],
        [TwinChanges.DnsChanged, Severity.Critical, "cfg.dns.server.203.0.113.66", "configured"],
        [TwinChanges.WanAdmin, Severity.High, "cfg.remote.winbox", "port=8291 from=any"],
        [TwinChanges.TelnetEnabled, Severity.Critical, "cfg.service.telnet", "port=23 from=any"],
        [TwinChanges.PortForward, Severity.High, "cfg.forward.tcp.2323", "100.64.88.7:23"],
        [TwinChanges.SchedulerFetch, Severity.Critical, "cfg.scheduler.sys-update.fetch", "203.0.113.66"],
        [TwinChanges.SocksProxy, Severity.Critical, "cfg.proxy.socks", "port=4153 version=5 auth=none"],
        [TwinChanges.FirmwareDowngrade, Severity.High, "fw.version", "7.19.6"],
        [TwinChanges.FirmwareUnknown, Severity.High, "fw.build", "2026-02-29 23:59:59"],
    ];

    [TestMethod]
    [DynamicData(nameof(Compromises))]
    public async Task Compromise_IsDetectedWithItsSeverity(string change, Severity expected, string key, string value)
    {
        await using var twin = await RouterOsLab.StartTwinAsync();
        var baseline = RouterOsLab.RunVerified(twin).Facts;
        twin.Apply(change);
        var current = RouterOsLab.RunVerified(twin).Facts;
        var report = DriftReport.Compute(baseline, current, DeviceFamilies.CreateDriftRules());
        var changes = Enumerable.Range(0, report.Count).Select(i => report[i]).ToList();
        var listing = string.Join("\n", changes.Select(c => c.ToVerdict().ToString()));
        TestContext.WriteLine(change + ":\n" + listing);
        Assert.AreEqual(expected, report.Highest, listing);
        var hit = changes.SingleOrDefault(c => c.Key == key);
        Assert.IsNotNull(hit, key + " is not among the changes:\n" + listing);
        Assert.AreEqual(value, hit.NewValue);
        Assert.IsTrue(DriftSentences.Has(hit.Code), "the owner gets a sentence for the code " + hit.Code);
        Assert.IsTrue(changes.All(c => c.Severity <= expected));
    }

    /// <summary>Issue 13 and 14: each RouterOS compromise, the key (a glob where the key holds a digest) and value it must drift, and the highest severity.</summary>
    public static IEnumerable<object?[]> RouterOsCompromises =>
    [
        [TwinChanges.AdminPromoted, Severity.Critical, "cfg.admin.viewer", "full"],
        [TwinChanges.GroupEscalated, Severity.Critical, "cfg.admin.viewer", "mgmt"],
        [TwinChanges.DnsStatic, Severity.Critical, "cfg.dns.static.www.bank.example", "a 203.0.113.66"],
        [TwinChanges.FirewallOpened, Severity.High, "cfg.firewall.input.accept.*", "protocol=tcp dst-port=8291,8728"],
        [TwinChanges.NatRedirect, Severity.High, "cfg.nat.dstnat.redirect.*", "protocol=udp in-interface=bridge dst-port=53 to-ports=53"],
        [TwinChanges.FileDropped, Severity.Critical, "cfg.file.package.flash/routeros-arm64-7.20.8.npk", "present"],
        [TwinChanges.NetwatchFetch, Severity.Critical, "cfg.netwatch.198.51.100.1.fetch", "203.0.113.66"],
        [TwinChanges.FetchObfuscated, Severity.Critical, "cfg.scheduler.ntp-sync.fetch", "evil.example"],
        [TwinChanges.FetchImported, Severity.Critical, "cfg.scheduler.upd.fetch", "203.0.113.66"],
        [TwinChanges.RemoteLog, Severity.High, "cfg.log.remote.siem", "203.0.113.66:5514"],
        [TwinChanges.VpnAccount, Severity.Critical, "cfg.ppp.secret.vpnuser", "service=any profile=default"],
        [TwinChanges.WireGuardPeer, Severity.Critical, "cfg.wireguard.peer.*", "interface=wg-home allowed=0.0.0.0/0 endpoint=203.0.113.66"],
        [TwinChanges.DdnsOn, Severity.High, "cfg.cloud.ddns", "on"],
        [TwinChanges.UpnpOn, Severity.High, "cfg.upnp", "on"],
        [TwinChanges.SnmpWrite, Severity.Critical, "cfg.snmp.write.*", "from=::/0"],
        [TwinChanges.SnifferStream, Severity.Critical, "cfg.sniffer.stream", "203.0.113.66:37008"],
        [TwinChanges.DeviceFlagged, Severity.Critical, "routeros.device-mode.flagged", "yes"],
        [TwinChanges.InstallDamaged, Severity.Critical, "routeros.installation", "installation is damaged"],
        [TwinChanges.PackageMismatch, Severity.High, "routeros.package-mismatch.extra-nic", "6.49.1"],
        // Issue 13's third round.
        [TwinChanges.ServiceOpened, Severity.High, "cfg.remote.api", "port=8728 from=any"],
        [TwinChanges.WebProxyOpen, Severity.Critical, "cfg.proxy.web.open", "any client"],
        [TwinChanges.DhcpDnsPushed, Severity.Critical, "cfg.dhcp.network.100.64.88.0/24", "gw=100.64.88.1 dns=203.0.113.66"],
        [TwinChanges.RawBypass, Severity.High, "cfg.raw.prerouting.notrack.*", "protocol=tcp dst-port=8291"],
        [TwinChanges.MangleRoute, Severity.High, "cfg.mangle.prerouting.mark-routing.*", "src-address=100.64.88.0/24 new-routing-mark=via-tunnel"],
        [TwinChanges.DefaultRoute, Severity.Critical, "cfg.route.main.0.0.0.0/0", "gw=203.0.113.66 distance=1"],
        [TwinChanges.RoutingRule, Severity.High, "cfg.routing.rule.*", "lookup-only-in-table src-address=100.64.88.0/24 table=exfil"],
        [TwinChanges.MacOpen, Severity.High, "cfg.mac.winbox", "all"],
        [TwinChanges.BandwidthTestOpen, Severity.Medium, "cfg.btest", "auth=no"],
        [TwinChanges.SmbOn, Severity.High, "cfg.smb", "enabled=yes interfaces=all"],
        [TwinChanges.FlowExport, Severity.Critical, "cfg.traffic-flow.target.203.0.113.66:2055", "version=9"],
        [TwinChanges.IpsecPeer, Severity.Critical, "cfg.ipsec.peer.peer-x", "address=203.0.113.66/32 mode=ike2"],
        [TwinChanges.ContainerAdded, Severity.Critical, "cfg.container.sys", "image=docker.io/evil/socks:latest interface=veth1"],
        [TwinChanges.TrustedCa, Severity.High, "cfg.cert.ca.*", "Secure Root"],
        [TwinChanges.LoggingHidden, Severity.Medium, "cfg.log.to.memory", "error,warning"],
        [TwinChanges.PasswordPolicy, Severity.Medium, "cfg.password.min-length", "0"],
        [TwinChanges.UnlistedPackage, Severity.High, "routeros.package-unlisted.socksify", "7.20.8"],
        // Issue 13's fourth round.
        [TwinChanges.AddressListTrusted, Severity.High, "cfg.address-list.accept.mgmt.203.0.113.66", "accepted"],
        [TwinChanges.AddressList6Trusted, Severity.High, "cfg.address-list6.accept.mgmt6.2001:db8:66::/48", "accepted"],
        [TwinChanges.Firewall6Opened, Severity.High, "cfg.firewall6.input.accept.*", "protocol=tcp dst-port=22,8291"],
        [TwinChanges.Nat6Redirect, Severity.High, "cfg.nat6.dstnat.redirect.*", "protocol=udp in-interface=bridge dst-port=53 to-ports=53"],
        [TwinChanges.DefaultRoute6, Severity.Critical, "cfg.route.main.::/0", "gw=2001:db8:66::1 distance=1"],
        [TwinChanges.SshForwarding, Severity.High, "cfg.ssh.forwarding", "both"],
        [TwinChanges.SshWeakened, Severity.Medium, "cfg.ssh.password-login", "always"],
        [TwinChanges.RadiusLogin, Severity.Critical, "cfg.radius.login.203.0.113.66", "router logins"],
        [TwinChanges.OpenResolver, Severity.High, "cfg.dns.remote-requests", "on"],
        [TwinChanges.NtpServer, Severity.Medium, "cfg.ntp.server.203.0.113.66", "configured"],
    ];

    [TestMethod]
    [DynamicData(nameof(RouterOsCompromises))]
    public async Task Issue13Compromise_IsDetectedWithItsSeverity(string change, Severity expected, string keyPattern, string value)
    {
        await using var twin = await RouterOsLab.StartTwinAsync();
        var baseline = RouterOsLab.RunVerified(twin).Facts;
        twin.Apply(change);
        // A flagged router or a failed installation check also gives its own critical verdict; nothing may be unverified.
        var output = RouterOsLab.Run(twin);
        Assert.IsFalse(output.Verdicts().Any(v => v.IsUnverified), string.Join("\n", output.Verdicts().Select(v => v.ToString())));
        var current = output.Facts;
        var report = DriftReport.Compute(baseline, current, DeviceFamilies.CreateDriftRules());
        var changes = Enumerable.Range(0, report.Count).Select(i => report[i]).ToList();
        var listing = string.Join("\n", changes.Select(c => c.ToVerdict().ToString()));
        TestContext.WriteLine(change + ":\n" + listing);
        Assert.AreEqual(expected, report.Highest, listing);
        var hit = changes.SingleOrDefault(c => FlaxGuard.Engine.Text.Ordinal.GlobMatch(keyPattern, c.Key) && c.Kind != DriftKind.Removed);
        Assert.IsNotNull(hit, keyPattern + " is not among the changes:\n" + listing);
        Assert.AreEqual(value, hit.NewValue);
        foreach (var c in changes) Assert.IsTrue(DriftSentences.Has(c.Code), "the owner gets a sentence for the code " + c.Code);
    }

    [TestMethod]
    public async Task FlaggedRouterAndFailedInstallationCheck_AreCriticalVerdictsWithoutABaseline()
    {
        await using var twin = await RouterOsLab.StartTwinAsync();
        twin.Apply(TwinChanges.DeviceFlagged);
        twin.Apply(TwinChanges.InstallDamaged);
        var output = RouterOsLab.Run(twin.Address.ToString(), RouterOsLab.Options(twin.Port)).Output;
        var codes = output.Verdicts().Where(v => v.Severity == Severity.Critical).Select(v => v.Code).ToList();
        CollectionAssert.AreEquivalent(new[] { "routeros.device-mode.flagged", "routeros.installation.failed" }, codes);
    }

    [TestMethod]
    public async Task PackageOfAnotherVersionAndUnlistedPackage_AreHighVerdictsWithoutABaseline()
    {
        await using var twin = await RouterOsLab.StartTwinAsync();
        twin.Apply(TwinChanges.PackageMismatch);
        twin.Apply(TwinChanges.UnlistedPackage);
        var output = RouterOsLab.Run(twin.Address.ToString(), RouterOsLab.Options(twin.Port)).Output;
        var high = output.Verdicts().Where(v => v.Severity == Severity.High).Select(v => v.Code + " " + v.Subject).ToList();
        CollectionAssert.AreEquivalent(new[] { "routeros.package-mismatch routeros.package-mismatch.extra-nic", "routeros.package.unlisted routeros.package-unlisted.socksify" }, high);
    }

    [TestMethod]
    public async Task OlderRelease_WithoutDeviceMode_IsStillVerified()
    {
        await using var twin = await RouterOsLab.StartTwinAsync();
        twin.Mutate(s => s.NoDeviceMode = true);
        var output = RouterOsLab.RunVerified(twin);
        Assert.AreEqual("unsupported", output.Facts.Get("routeros.device-mode")!.Value);
    }

    [TestMethod]
    public async Task LongList_IsCouldNotVerify_NotCutShort()
    {
        await using var twin = await RouterOsLab.StartTwinAsync();
        twin.Mutate(s =>
        {
            for (var i = 0; i < 40; i++) s.DnsStatic.Add(new RouterOsTwinState.Row(100 + i, ("name", $"h{i}.lan"), ("address", "100.64.88.9"), ("type", "A"), ("disabled", "false"), ("dynamic", "false")));
        });
        var options = RouterOsLab.Options(twin.Port);
        options.MaxListItems = 32;
        var output = RouterOsLab.Run(twin.Address.ToString(), options).Output;
        Assert.AreEqual(0, output.Facts.Count);
        var verdict = RouterOsLab.SingleUnverified(output);
        StringAssert.Contains(verdict.Message, "/ip/dns/static");
        StringAssert.Contains(verdict.Message, "more than 32 items");
    }

    [TestMethod]
    [DataRow(TwinChanges.Reboot, "/rest/system/resource")]
    [DataRow(TwinChanges.Counters, "/rest/ip/firewall/nat")]
    [DataRow(TwinChanges.Time, "/rest/system/scheduler")]
    [DataRow(TwinChanges.DhcpLeases, "/rest/ip/dns")]
    [DataRow(TwinChanges.Reorder, "/rest/ip/service")]
    [DataRow(TwinChanges.WhitespaceCase, "/rest/ip/service")]
    [DataRow(TwinChanges.DynamicEntries, "/rest/ip/route")]
    [DataRow(TwinChanges.Counters, "/rest/ip/firewall/mangle")]
    [DataRow(TwinChanges.Time, "/rest/certificate")]
    [DataRow(TwinChanges.DhcpLeases, "/rest/ip/route")]
    [DataRow(TwinChanges.Reorder, "/rest/system/logging")]
    [DataRow(TwinChanges.WhitespaceCase, "/rest/ip/dhcp-server/network")]
    [DataRow(TwinChanges.DynamicEntries, "/rest/ip/firewall/address-list")]
    [DataRow(TwinChanges.DynamicEntries, "/rest/ipv6/firewall/address-list")]
    [DataRow(TwinChanges.DynamicEntries, "/rest/ipv6/route")]
    [DataRow(TwinChanges.Counters, "/rest/ipv6/firewall/filter")]
    [DataRow(TwinChanges.Time, "/rest/system/ntp/client")]
    [DataRow(TwinChanges.Reorder, "/rest/ipv6/firewall/filter")]
    [DataRow(TwinChanges.WhitespaceCase, "/rest/ip/ssh")]
    public async Task Churn_ChangesTheAnswers_ButGivesNoDrift(string change, string menu)
    {
        await using var twin = await RouterOsLab.StartTwinAsync();
        var baseline = RouterOsLab.RunVerified(twin).Facts;
        var before = await RouterOsLab.GetRawAsync(twin, menu);
        twin.Apply(change);
        var after = await RouterOsLab.GetRawAsync(twin, menu);
        Assert.AreEqual(200, after.Status);
        Assert.AreNotEqual(before.Body, after.Body, change + " must really change what " + menu + " answers");
        var current = RouterOsLab.RunVerified(twin).Facts;
        var report = DriftReport.Compute(baseline, current, DeviceFamilies.CreateDriftRules());
        Assert.AreEqual(0, report.Count, string.Join("\n", Enumerable.Range(0, report.Count).Select(i => report[i].ToVerdict().ToString())));
        Assert.AreEqual(baseline.DigestHex(), current.DigestHex());
    }

    [TestMethod]
    public async Task Reboot_RenumbersIds_AndResetsUptime()
    {
        await using var twin = await RouterOsLab.StartTwinAsync();
        var before = await RouterOsLab.GetRawAsync(twin, "/rest/user");
        var uptimeBefore = await RouterOsLab.GetRawAsync(twin, "/rest/system/resource");
        twin.Apply(TwinChanges.Reboot);
        var after = await RouterOsLab.GetRawAsync(twin, "/rest/user");
        var uptimeAfter = await RouterOsLab.GetRawAsync(twin, "/rest/system/resource");
        StringAssert.Contains(before.Body, "\".id\":\"*1\"");
        StringAssert.Contains(after.Body, "\".id\":\"*11\"");
        StringAssert.Contains(uptimeBefore.Body, "\"uptime\":\"3d4h");
        StringAssert.Contains(uptimeAfter.Body, "\"uptime\":\"4");
    }

    [TestMethod]
    public void Session_IsNotSupported_BecauseBasicAuthHasNoSession()
    {
        var twin = RouterOsLab.StartTwinAsync().GetAwaiter().GetResult();
        try
        {
            Assert.IsFalse(twin.SupportedChanges.Contains(TwinChanges.Session));
            var e = Assert.ThrowsExactly<NotSupportedException>(() => twin.Apply(TwinChanges.Session));
            StringAssert.Contains(e.Message, "no session");
            CollectionAssert.IsSubsetOf(twin.SupportedChanges.ToList(), TwinChanges.All.ToList());
        }
        finally
        {
            twin.DisposeAsync().AsTask().GetAwaiter().GetResult();
        }
    }

    /// <summary>
    /// The whole suite in one pass: every compromise on its own, then all of them at once on top of all churn.
    /// Detection rate and false positives are what the issue asks to report.
    /// </summary>
    [TestMethod]
    public async Task Suite_DetectsEveryCompromise_WithNoFalsePositives()
    {
        await using var twin = await RouterOsLab.StartTwinAsync();
        var rules = DeviceFamilies.CreateDriftRules();
        var baseline = RouterOsLab.RunVerified(twin).Facts;
        int detected = 0, falsePositives = 0, churnRuns = 0;
        var compromises = Compromises.ToList();
        foreach (var row in compromises)
        {
            twin.Reset();
            twin.Apply((string)row[0]);
            var report = DriftReport.Compute(baseline, RouterOsLab.RunVerified(twin).Facts, rules);
            if (report.Highest == (Severity)row[1] && Enumerable.Range(0, report.Count).Any(i => report[i].Key == (string)row[2])) detected++;
        }
        foreach (var churn in twin.SupportedChanges.Where(c => !TwinChanges.IsCompromise(c)))
        {
            twin.Reset();
            twin.Apply(churn);
            churnRuns++;
            falsePositives += DriftReport.Compute(baseline, RouterOsLab.RunVerified(twin).Facts, rules).Count;
        }

        // Everything at once: churn first, then every compromise; only the compromises' own keys may drift.
        twin.Reset();
        foreach (var churn in twin.SupportedChanges.Where(c => !TwinChanges.IsCompromise(c))) twin.Apply(churn);
        foreach (var row in compromises) twin.Apply((string)row[0]);
        var all = DriftReport.Compute(baseline, RouterOsLab.RunVerified(twin).Facts, rules);
        var keys = Enumerable.Range(0, all.Count).Select(i => all[i].Key).ToList();
        var expectedKeys = compromises.Select(r => (string)r[2]).ToList();
        CollectionAssert.IsSubsetOf(expectedKeys, keys);
        var allowed = new[] { "cfg.user.", "cfg.admin.", "cfg.sshkey.", "cfg.dns.server.", "cfg.remote.", "cfg.service.", "cfg.forward.", "cfg.scheduler.", "cfg.script.", "cfg.proxy.", "fw.version", "fw.build", "routeros.channel" };
        var unexplained = keys.Where(k => !allowed.Any(a => k.StartsWith(a, StringComparison.Ordinal))).ToList();
        Assert.IsEmpty(unexplained, string.Join(", ", unexplained));
        Assert.AreEqual(Severity.Critical, all.Highest);

        TestContext.WriteLine($"routeros suite: detected {detected}/{compromises.Count} compromises, {falsePositives} drift changes over {churnRuns} churn runs, combined run {all.Count} changes");
        Assert.AreEqual(compromises.Count, detected);
        Assert.AreEqual(0, falsePositives);
        Assert.AreEqual(7, churnRuns, "reboot, counters, time, DHCP leases, reorder, whitespace-case and dynamic entries");
    }
}
