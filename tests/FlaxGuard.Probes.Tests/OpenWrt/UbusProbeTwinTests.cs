using FlaxGuard.Wording;
using FlaxGuard.Engine.Families;
using System.Net;
using System.Text;
using FlaxGuard.Engine.Drift;
using FlaxGuard.Engine.Facts;
using FlaxGuard.Engine.Verdicts;
using FlaxGuard.Lab.Twins;
using FlaxGuard.Lab.Twins.OpenWrt;
using FlaxGuard.Platform;

namespace FlaxGuard.Probes.Tests.OpenWrt;

/// <summary>
/// The ubus probe against the OpenWrt twin: exact facts of the factory state, every compromise the twin can
/// express found with the severity DriftRules gives it, every kind of benign churn giving no drift at all,
/// and the session and permission answers of rpcd turned into clear verdicts.
/// </summary>
[TestClass]
public sealed class UbusProbeTwinTests
{
    private static readonly string OwnerKeyId = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(
        Encoding.UTF8.GetBytes(OpenWrtTwinState.OwnerKey.Split(' ')[1])))[..16];

    private static readonly string[] CleanFacts =
    [
        "cfg.dns.hosts.ip6-allnodes=ff02::1",
        "cfg.dns.hosts.ip6-allrouters=ff02::2",
        "cfg.dns.hosts.ip6-localhost=::1",
        "cfg.dns.hosts.ip6-loopback=::1",
        "cfg.dns.hosts.localhost=127.0.0.1, ::1",
        "cfg.dns.server./corp.example/192.168.1.53=configured",
        "cfg.dns.server.2620:fe::fe=configured",
        "cfg.dns.server.9.9.9.9=configured",
        "cfg.forward.tcp.8443=192.168.1.20:443",
        "cfg.ntp.server.0.openwrt.pool.ntp.org=configured",
        "cfg.ntp.server.1.openwrt.pool.ntp.org=configured",
        "cfg.ntp.server.2.openwrt.pool.ntp.org=configured",
        "cfg.ntp.server.3.openwrt.pool.ntp.org=configured",
        "cfg.scheduler.cron.78d8051171e2e8e3=30 3 * * 0",
        "cfg.scheduler.rc.local=empty",
        "cfg.service.ssh=port=22 from=any",
        "cfg.service.www=port=80 from=any",
        "cfg.service.www-ssl=port=443 from=any",
        $"cfg.sshkey.{OwnerKeyId}=root ssh-ed25519",
        "cfg.user.root=admin",
        "fw.build=r24106-10cc5fcd00",
        "fw.model=linksys,e8450-ubi",
        "fw.vendor=openwrt",
        "fw.version=23.05.5",
        "openwrt.account.daemon=uid=1 shell=/bin/false",
        "openwrt.account.dnsmasq=uid=453 shell=/bin/false",
        "openwrt.account.ftp=uid=55 shell=/bin/false",
        "openwrt.account.logd=uid=514 shell=/bin/false",
        "openwrt.account.network=uid=101 shell=/bin/false",
        "openwrt.account.nobody=uid=65534 shell=/bin/false",
        "openwrt.account.ntp=uid=123 shell=/bin/false",
        "openwrt.account.root=uid=0 shell=/bin/ash",
        "openwrt.account.root.root=uid 0",
        "openwrt.account.ubus=uid=81 shell=/bin/false",
        "openwrt.build-origin=official",
        "openwrt.distribution=OpenWrt",
        "openwrt.feed.downloads.openwrt.org=distfeeds.conf",
        "openwrt.feed.signature=checked",
        "openwrt.file.etc./etc/board.json=size=1254",
        "openwrt.file.etc./etc/dropbear/dropbear_ed25519_host_key=size=83",
        "openwrt.file.etc./etc/urandom.seed=size=512",
        "openwrt.file.exec./usr/bin/wg=size=63840",
        "openwrt.file.init./etc/uci-defaults/10_migrate-shadow=deleted",
        "openwrt.file.init./etc/uci-defaults/12_network-generate-ula=deleted",
        "openwrt.file.init./etc/uci-defaults/50-dnsmasq-migrate-resolv-conf-auto.sh=deleted",
        "openwrt.hook.profile=f596ae2dd6c0e60e",
        "openwrt.hostname=officerouter",
        "openwrt.init.boot=enabled",
        "openwrt.init.dnsmasq=enabled",
        "openwrt.init.dropbear=enabled",
        "openwrt.init.firewall=enabled",
        "openwrt.init.network=enabled",
        "openwrt.init.odhcpd=enabled",
        "openwrt.init.rpcd=enabled",
        "openwrt.init.sysntpd=enabled",
        "openwrt.init.uhttpd=enabled",
        "openwrt.keep-list.base-files-essential=present",
        "openwrt.keep-list.dropbear=present",
        "openwrt.keep-list.uhttpd=present",
        "openwrt.kernel=5.15.167",
        "openwrt.model=Linksys E8450 (UBI)",
        "openwrt.package.wireguard-tools=installed",
        "openwrt.rpcd-admin.root=write *",
        "openwrt.ssh.password-auth=off",
        "openwrt.ssh.root-login=on",
        "openwrt.ssh.root-password-auth=off",
        "openwrt.target=mediatek/mt7622",
        "openwrt.web.cgi-prefix=/cgi-bin",
        "openwrt.web.home=/www",
    ];

    private static FactSet CleanBaseline(OpenWrtTwin twin)
    {
        var (output, _, _) = OpenWrtLab.Run(twin);
        Assert.AreEqual(0, output.VerdictCount, OpenWrtLab.Describe(output));
        return output.Facts;
    }

    [TestMethod]
    public async Task CleanRouter_GivesExactlyTheFactoryFacts()
    {
        await using var twin = await OpenWrtLab.StartTwinAsync();
        var (output, elapsed, probe) = OpenWrtLab.Run(twin);
        Assert.AreEqual(0, output.VerdictCount, OpenWrtLab.Describe(output));
        CollectionAssert.AreEqual(CleanFacts, output.Facts.ToArray().Select(f => f.ToString()).ToArray(), OpenWrtLab.Describe(output));
        Assert.AreEqual(0, output.DuplicateFacts);
        Assert.AreEqual(1, probe.LastSession!.Logins);
        Assert.AreEqual(300, probe.LastSession.TimeoutSeconds);
        // login, board, info, 8 uci configs, the key file, rc list; crontab, rc.local, firewall.user, passwd, hosts,
        // dnsmasq.conf; the process list and /proc of its 2 programs without a path; 9 folders of the overlay; /root/.ssh,
        // /etc/opkg, opkg.conf, distfeeds.conf, customfeeds.conf, /etc/apk/repositories.d, sysupgrade.conf, keep.d, /etc/profile
        Assert.AreEqual(40, twin.Requests);
        // and the live ruleset through cgi-io, outside /ubus
        Assert.AreEqual(1, twin.Execs);
        Assert.IsLessThan(5000L, elapsed);
    }

    [TestMethod]
    [DataRow(TwinChanges.NewAdmin, "cfg.user.support", DriftKind.Added, Severity.Critical)]
    [DataRow(TwinChanges.SshKeyAdded, "cfg.sshkey.", DriftKind.Added, Severity.Critical)]
    [DataRow(TwinChanges.DnsChanged, "cfg.dns.server.203.0.113.53", DriftKind.Added, Severity.Critical)]
    [DataRow(TwinChanges.WanAdmin, "cfg.remote.wan-https", DriftKind.Added, Severity.High)]
    [DataRow(TwinChanges.TelnetEnabled, "cfg.service.telnet", DriftKind.Added, Severity.Critical)]
    [DataRow(TwinChanges.PortForward, "cfg.forward.tcp.2323", DriftKind.Added, Severity.High)]
    [DataRow(TwinChanges.FirmwareDowngrade, "fw.version", DriftKind.Changed, Severity.High)]
    [DataRow(TwinChanges.FirmwareUnknown, "openwrt.build-origin", DriftKind.Changed, Severity.Critical)]
    [DataRow(TwinChanges.FeedAdded, "openwrt.feed.203.0.113.9", DriftKind.Added, Severity.Critical)]
    [DataRow(TwinChanges.FeedUnsigned, "openwrt.feed.signature", DriftKind.Changed, Severity.Critical)]
    [DataRow(TwinChanges.KeepAcrossUpgrade, "openwrt.keep./usr/sbin/.sysmond", DriftKind.Added, Severity.High)]
    [DataRow(TwinChanges.KeepAcrossUpgrade, "openwrt.keep-list.sysmond", DriftKind.Added, Severity.High)]
    [DataRow(TwinChanges.ProfileFetch, "openwrt.hook.profile.fetch", DriftKind.Added, Severity.Critical)]
    [DataRow(TwinChanges.RootSshKey, "cfg.sshkey.", DriftKind.Added, Severity.Critical)]
    [DataRow(TwinChanges.WebInterpreter, "openwrt.web.interpreter..sh", DriftKind.Added, Severity.Critical)]
    [DataRow(TwinChanges.SshPasswordOn, "openwrt.ssh.root-password-auth", DriftKind.Changed, Severity.High)]
    [DataRow(TwinChanges.StaticRoute, "openwrt.route.", DriftKind.Added, Severity.High)]
    [DataRow(TwinChanges.NftAccept, "openwrt.nft.open.inet.fw4.input.", DriftKind.Added, Severity.Critical)]
    [DataRow(TwinChanges.NftTable, "openwrt.nft.open.ip.sysmon.pre.", DriftKind.Added, Severity.Critical)]
    public async Task Compromise_IsDetected_WithTheExpectedSeverity(string change, string keyPrefix, DriftKind kind, Severity severity)
    {
        await using var twin = await OpenWrtLab.StartTwinAsync();
        var baseline = CleanBaseline(twin);
        twin.Apply(change);
        var (output, _, _) = OpenWrtLab.Run(twin);
        Assert.IsFalse(output.Verdicts().Any(v => v.IsUnverified), OpenWrtLab.Describe(output));
        var report = DriftReport.Compute(baseline, output.Facts, DeviceFamilies.CreateDriftRules());
        var all = string.Join("\n", report.ToVerdicts().Select(v => v.ToString()));
        var hit = Enumerable.Range(0, report.Count).Select(i => report[i])
            .FirstOrDefault(c => c.Key.StartsWith(keyPrefix, StringComparison.Ordinal) && c.Kind == kind);
        Assert.IsNotNull(hit, $"{change} was not detected:\n{all}");
        Assert.AreEqual(severity, hit.Severity, all);
        Assert.AreEqual(severity, report.Highest, all);
        Assert.IsTrue(DriftSentences.Has(hit.Code), "the owner gets a sentence for the code " + hit.Code);
    }

    [TestMethod]
    public async Task DnsChange_AlsoShowsTheServerHandedToClients_AndTheOldOnesGone()
    {
        await using var twin = await OpenWrtLab.StartTwinAsync();
        var baseline = CleanBaseline(twin);
        twin.Apply(TwinChanges.DnsChanged);
        var (output, _, _) = OpenWrtLab.Run(twin);
        var report = DriftReport.Compute(baseline, output.Facts, DeviceFamilies.CreateDriftRules());
        var changes = Enumerable.Range(0, report.Count).Select(i => report[i]).ToArray();
        Assert.IsTrue(changes.Any(c => c.Key == "cfg.dns.dhcp.203.0.113.53" && c.Kind == DriftKind.Added && c.Severity == Severity.Critical));
        Assert.IsTrue(changes.Any(c => c.Key == "cfg.dns.server.9.9.9.9" && c.Kind == DriftKind.Removed && c.Severity == Severity.Critical));
    }

    [TestMethod]
    public async Task WanAdmin_AlsoOpensSsh_FromAnyAddress()
    {
        await using var twin = await OpenWrtLab.StartTwinAsync();
        twin.Apply(TwinChanges.WanAdmin);
        var (output, _, _) = OpenWrtLab.Run(twin);
        Assert.AreEqual("port=22 from=any", output.Facts.Get("cfg.remote.wan-ssh")?.Value);
        Assert.AreEqual("port=443 from=any", output.Facts.Get("cfg.remote.wan-https")?.Value);
        Assert.IsNull(output.Facts.Get("cfg.remote.wan-http"), "port 80 stays closed");
    }

    [TestMethod]
    [DataRow(TwinChanges.Reboot)]
    [DataRow(TwinChanges.Counters)]
    [DataRow(TwinChanges.Time)]
    [DataRow(TwinChanges.Session)]
    [DataRow(TwinChanges.DhcpLeases)]
    [DataRow(TwinChanges.Reorder)]
    [DataRow(TwinChanges.WhitespaceCase)]
    public async Task Churn_GivesNoDrift(string change)
    {
        await using var twin = await OpenWrtLab.StartTwinAsync();
        var baseline = CleanBaseline(twin);
        var (before, sid) = await RawAnswersAsync(twin, null);
        twin.Apply(change);
        var (after, _) = await RawAnswersAsync(twin, sid);
        Assert.AreNotEqual(before, after, $"the twin's answers did not change for {change}, so the test would prove nothing");
        var (output, _, _) = OpenWrtLab.Run(twin);
        Assert.AreEqual(0, output.VerdictCount, OpenWrtLab.Describe(output));
        var report = DriftReport.Compute(baseline, output.Facts, DeviceFamilies.CreateDriftRules());
        Assert.AreEqual(0, report.Count, string.Join("\n", report.ToVerdicts().Select(v => v.ToString())));
    }

    [TestMethod]
    public async Task AllChurnAtOnce_GivesNoDrift()
    {
        await using var twin = await OpenWrtLab.StartTwinAsync();
        var baseline = CleanBaseline(twin);
        foreach (var change in TwinChanges.Churn.Concat(TwinChanges.FileChurn)) twin.Apply(change);
        var (output, _, _) = OpenWrtLab.Run(twin);
        Assert.AreEqual(0, output.VerdictCount, OpenWrtLab.Describe(output));
        Assert.AreEqual(0, DriftReport.Compute(baseline, output.Facts, DeviceFamilies.CreateDriftRules()).Count);
    }

    [TestMethod]
    public async Task UnsupportedChanges_AreRefused_AndEveryOtherChangeIsListed()
    {
        await using var twin = await OpenWrtLab.StartTwinAsync();
        Assert.ThrowsExactly<NotSupportedException>(() => twin.Apply(TwinChanges.SocksProxy));
        CollectionAssert.AreEquivalent(TwinChanges.Advisory.Concat(TwinChanges.PersistenceCompromises).Concat(TwinChanges.FileChurn).Append(TwinChanges.RemoteLog).Except([TwinChanges.SocksProxy]).ToArray(), twin.SupportedChanges.ToArray());
        twin.Apply(TwinChanges.NewAdmin);
        twin.Reset();
        var (output, _, _) = OpenWrtLab.Run(twin);
        CollectionAssert.AreEqual(CleanFacts, output.Facts.ToArray().Select(f => f.ToString()).ToArray());
    }

    [TestMethod]
    public async Task WrongPassword_IsRefusedCredentials_WithoutThePassword()
    {
        await using var twin = await OpenWrtLab.StartTwinAsync();
        var (output, _, _) = OpenWrtLab.Run(twin, OpenWrtLab.Options(twin, password: "Wrong-Secret-991"));
        var verdict = output.Verdicts().Single();
        Assert.IsTrue(verdict.IsUnverified);
        StringAssert.Contains(verdict.Message, "the device refused the credentials");
        StringAssert.Contains(verdict.Message, "user root");
        Assert.DoesNotContain("Wrong-Secret-991", verdict.ToString());
        Assert.AreEqual(0, output.Facts.Count);
        Assert.AreEqual(0, twin.Logins);
    }

    [TestMethod]
    public async Task SessionThatExpiresMidCheck_IsRenewedOnce_AndTheCheckCompletes()
    {
        await using var twin = await OpenWrtLab.StartTwinAsync();
        using var http = new HttpClientTransport();
        // After the third exchange the router sits idle past rpcd's 300 s timeout: the session is gone.
        var stepping = new SteppingTransport(http, n => { if (n == 3) twin.Clock.Advance(TimeSpan.FromSeconds(301)); });
        var (output, _, probe) = OpenWrtLab.Run(twin, transport: stepping);
        Assert.AreEqual(0, output.VerdictCount, OpenWrtLab.Describe(output));
        Assert.AreEqual(2, probe.LastSession!.Logins);
        Assert.AreEqual(2, twin.Logins);
        CollectionAssert.AreEqual(CleanFacts, output.Facts.ToArray().Select(f => f.ToString()).ToArray());
    }

    [TestMethod]
    public async Task SessionThatKeepsExpiring_IsCouldNotVerify_AfterOneRenewal()
    {
        await using var twin = await OpenWrtLab.StartTwinAsync();
        using var http = new HttpClientTransport();
        var stepping = new SteppingTransport(http, _ => twin.Clock.Advance(TimeSpan.FromSeconds(301)));
        var (output, _, probe) = OpenWrtLab.Run(twin, transport: stepping);
        var verdict = output.Verdicts().Single();
        StringAssert.Contains(verdict.Message, "ended the login session");
        StringAssert.Contains(verdict.Message, "system board");
        Assert.AreEqual(2, probe.LastSession!.Logins);
    }

    [TestMethod]
    public async Task CallOutsideTheAccountsAcl_IsAccessDenied_NamingTheCall()
    {
        await using var twin = await OpenWrtLab.StartTwinAsync();
        twin.Mutate(s => s.AddLogin("monitor", "Monitor-Pass-3", ["luci-mod-status", "luci-base"], []));
        var (output, _, probe) = OpenWrtLab.Run(twin, OpenWrtLab.Options(twin, "monitor", "Monitor-Pass-3"));
        var verdict = output.Verdicts().Single();
        StringAssert.Contains(verdict.Message, "the account may not call reading the SSH key file /etc/dropbear/authorized_keys");
        StringAssert.Contains(verdict.Message, "Access denied");
        Assert.AreEqual(1, probe.LastSession!.Logins, "a denial the ACL explains must not cause a new login");
        // The firmware identity read before the denial is still reported; settings are judged only as a whole.
        Assert.AreEqual("23.05.5", output.Facts.Get("fw.version")?.Value);
        Assert.IsNull(output.Facts.Get("cfg.user.root"));
    }

    [TestMethod]
    public async Task UciConfigTheAccountMayNotRead_IsPermissionDenied()
    {
        await using var twin = await OpenWrtLab.StartTwinAsync();
        twin.Mutate(s =>
        {
            s.AclGroups["uci-no-rpcd"] = new AclGroup("uci-no-rpcd", new Dictionary<string, string[]> { ["uci"] = ["get"] }, ["system", "network", "firewall"], []);
            s.AddLogin("viewer", "Viewer-Pass-5", ["luci-mod-status", "uci-no-rpcd"], []);
        });
        var (output, _, _) = OpenWrtLab.Run(twin, OpenWrtLab.Options(twin, "viewer", "Viewer-Pass-5"));
        var verdict = output.Verdicts().Single();
        StringAssert.Contains(verdict.Message, "the device denied reading uci config rpcd to this account (ubus status 6, permission denied)");
    }

    [TestMethod]
    public async Task WanZoneAcceptingInput_ExposesEveryListeningService_AndTheResolver()
    {
        await using var twin = await OpenWrtLab.StartTwinAsync();
        twin.Apply(TwinChanges.TelnetEnabled);
        twin.Mutate(s =>
        {
            s.Configs["firewall"].First(x => x.Type == "zone" && x.Get("name") as string == "wan").Set("input", "ACCEPT");
            s.Configs["dhcp"].First(x => x.Type == "dnsmasq").Set("localservice", "0");
            s.Configs["dropbear"][0].Set("GatewayPorts", "on");
        });
        var (output, _, _) = OpenWrtLab.Run(twin);
        Assert.AreEqual(0, output.VerdictCount, OpenWrtLab.Describe(output));
        Assert.AreEqual("port=22 from=any", output.Facts.Get("cfg.remote.wan-ssh")?.Value);
        Assert.AreEqual("port=80 from=any", output.Facts.Get("cfg.remote.wan-http")?.Value);
        Assert.AreEqual("port=443 from=any", output.Facts.Get("cfg.remote.wan-https")?.Value);
        Assert.AreEqual("port=23 from=any", output.Facts.Get("cfg.remote.wan-telnet")?.Value);
        Assert.AreEqual("port=22", output.Facts.Get("cfg.remote.ssh-gateway-ports")?.Value);
        Assert.AreEqual("on", output.Facts.Get("cfg.dns.remote-requests")?.Value);
    }

    [TestMethod]
    public async Task ServicesBoundToTheLan_StayInside_EvenWithAnOpenRule()
    {
        await using var twin = await OpenWrtLab.StartTwinAsync();
        twin.Apply(TwinChanges.WanAdmin);
        twin.Mutate(s =>
        {
            s.Configs["dropbear"][0].Set("Interface", "lan");
            s.Configs["uhttpd"].First(x => x.Name == "main").List("listen_https", "192.168.1.1:443");
        });
        var (output, _, _) = OpenWrtLab.Run(twin);
        Assert.AreEqual(0, output.VerdictCount, OpenWrtLab.Describe(output));
        Assert.AreEqual("port=22 from=lan", output.Facts.Get("cfg.service.ssh")?.Value);
        Assert.AreEqual("port=443 from=192.168.1.1", output.Facts.Get("cfg.service.www-ssl")?.Value);
        Assert.IsNull(output.Facts.Get("cfg.remote.wan-ssh"));
        Assert.IsNull(output.Facts.Get("cfg.remote.wan-https"));
    }

    [TestMethod]
    public async Task RouterWithoutSshOrKeyFile_HasNoSshFacts_AndIsStillVerified()
    {
        await using var twin = await OpenWrtLab.StartTwinAsync();
        twin.Mutate(s =>
        {
            s.Configs.Remove("dropbear");
            s.Files.Remove(OpenWrtTwinState.AuthorizedKeysPath);
        });
        var (output, _, _) = OpenWrtLab.Run(twin);
        Assert.AreEqual(0, output.VerdictCount, OpenWrtLab.Describe(output));
        Assert.IsNull(output.Facts.Get("cfg.service.ssh"));
        Assert.IsFalse(output.Facts.ToArray().Any(f => f.Key.StartsWith("cfg.sshkey.", StringComparison.Ordinal)));
        Assert.AreEqual("port=80 from=any", output.Facts.Get("cfg.service.www")?.Value);
    }

    [TestMethod]
    public async Task RouterWithoutRpcdConfig_IsCouldNotVerify()
    {
        await using var twin = await OpenWrtLab.StartTwinAsync();
        using var http = new HttpClientTransport();
        // The config vanishes right after the login: a router that lost its account list must not look like one without accounts.
        var stepping = new SteppingTransport(http, n => { if (n == 1) twin.Mutate(s => s.Configs.Remove("rpcd")); });
        var (output, _, _) = OpenWrtLab.Run(twin, transport: stepping);
        var verdict = output.Verdicts().Single();
        StringAssert.Contains(verdict.Message, "the device has nothing for reading uci config rpcd (ubus status 4, not found)");
        Assert.IsNull(output.Facts.Get("cfg.user.root"));
    }

    [TestMethod]
    public async Task NothingListening_IsCouldNotVerify()
    {
        var address = OpenWrtLab.NextAddress();
        var options = new FlaxGuard.Engine.Probes.OpenWrt.UbusOptions
        {
            Port = 9, Credentials = new FlaxGuard.Engine.Http.HttpCredentials("root", "x"), RequestTimeoutMs = 1000, TotalTimeoutMs = 3000,
        };
        var (output, elapsed, _) = OpenWrtLab.Run(address.ToString(), options);
        var verdict = output.Verdicts().Single();
        StringAssert.Contains(verdict.Message, "could not log in to ubus");
        StringAssert.Contains(verdict.Message, "the connection failed");
        Assert.IsLessThan(4000L, elapsed);
    }

    /// <summary>What the twin's volatile and reordered answers look like, straight from its API, and what an earlier session id gets now.</summary>
    private static async Task<(string Text, string Sid)> RawAnswersAsync(OpenWrtTwin twin, string? earlierSid)
    {
        using var client = new HttpClient { BaseAddress = twin.BaseUri };
        var login = await UbusRaw.CallAsync(client, UbusRaw.Anonymous, "session", "login", new { username = OpenWrtLab.User, password = OpenWrtLab.Password });
        var sid = login.GetProperty("result")[1].GetProperty("ubus_rpc_session").GetString()!;
        var sb = new StringBuilder();
        foreach (var (obj, method, args) in new (string, string, object)[]
        {
            ("system", "info", new { }), ("network.device", "status", new { }), ("luci-rpc", "getDHCPLeases", new { }),
            ("uci", "get", new { config = "firewall" }), ("uci", "get", new { config = "network" }), ("uci", "get", new { config = "system" }), ("rc", "list", new { }),
        })
        {
            sb.Append((await UbusRaw.CallAsync(client, sid, obj, method, args)).GetProperty("result").GetRawText()).Append('\n');
        }
        // Session churn changes nothing but the sessions: an id from before must no longer work.
        var old = await UbusRaw.CallAsync(client, earlierSid ?? sid, "system", "board", new { });
        sb.Append(old.TryGetProperty("error", out var error) ? error.GetRawText() : "session valid");
        return (sb.ToString(), sid);
    }
}
