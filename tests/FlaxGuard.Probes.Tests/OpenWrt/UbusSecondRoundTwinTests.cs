using System.Net;
using System.Text.Json;
using FlaxGuard.Engine.Drift;
using FlaxGuard.Engine.Facts;
using FlaxGuard.Engine.Families;
using FlaxGuard.Engine.Verdicts;
using FlaxGuard.Lab.Twins;
using FlaxGuard.Lab.Twins.OpenWrt;

namespace FlaxGuard.Probes.Tests.OpenWrt;

/// <summary>
/// The second round of persistence reads (issue 13) against the twin: package feeds, reflash keep lists, /etc/profile,
/// root's OpenSSH keys, uhttpd interpreters, dropbear password logins, static routes and the live nftables ruleset
/// through cgi-io exec. Each compromise gives its fact and value; an account without the ACL group that grants a read
/// gets a limit fact naming it, and the twin's cgi-exec refuses what cgi-io refuses.
/// </summary>
[TestClass]
public sealed class UbusSecondRoundTwinTests
{
    private static FactSet Clean(OpenWrtTwin twin) => OpenWrtLab.CleanFacts(twin);

    [TestMethod]
    [DataRow(TwinChanges.FeedAdded, "openwrt.feed.203.0.113.9", "customfeeds.conf")]
    [DataRow(TwinChanges.KeepAcrossUpgrade, "openwrt.keep./etc/init.d/sysmond", "sysupgrade.conf")]
    [DataRow(TwinChanges.KeepAcrossUpgrade, "openwrt.keep-list.sysmond", "present")]
    [DataRow(TwinChanges.ProfileFetch, "openwrt.hook.profile.fetch", "198.51.100.23")]
    [DataRow(TwinChanges.RootSshKey, "cfg.sshkey.*", "root ssh-ed25519")]
    [DataRow(TwinChanges.WebInterpreter, "openwrt.web.interpreter..sh", "/bin/sh")]
    [DataRow(TwinChanges.StaticRoute, "openwrt.route.*", "ipv4 198.51.100.0/255.255.255.0 via 192.0.2.66 dev lan")]
    [DataRow(TwinChanges.NftAccept, "openwrt.nft.open.inet.fw4.input.*", "iifname wan, tcp dport 4444: accept")]
    [DataRow(TwinChanges.NftTable, "openwrt.nft.table.ip.sysmon", "present")]
    [DataRow(TwinChanges.NftTable, "openwrt.nft.open.ip.sysmon.pre.*", "iifname br-lan, udp dport 53: dnat to 203.0.113.53")]
    public async Task Compromise_GivesTheExpectedFact(string change, string keyPattern, string value)
    {
        await using var twin = await OpenWrtLab.StartTwinAsync();
        var baseline = Clean(twin);
        twin.Apply(change);
        var (output, _, _) = OpenWrtLab.Run(twin);
        Assert.AreEqual(0, output.VerdictCount, OpenWrtLab.Describe(output));
        var report = DriftReport.Compute(baseline, output.Facts, DeviceFamilies.CreateDriftRules());
        var changes = Enumerable.Range(0, report.Count).Select(i => report[i]).ToArray();
        var hit = changes.FirstOrDefault(c => FlaxGuard.Engine.Text.Ordinal.GlobMatch(keyPattern, c.Key) && c.Kind == DriftKind.Added);
        Assert.IsNotNull(hit, change + ": " + string.Join("; ", changes.Select(c => c.Key)));
        Assert.AreEqual(value, hit.NewValue);
    }

    [TestMethod]
    public async Task FeedSignatureOff_IsACriticalChange_AndTheDistributionFeedStays()
    {
        await using var twin = await OpenWrtLab.StartTwinAsync();
        var baseline = Clean(twin);
        twin.Apply(TwinChanges.FeedUnsigned);
        var (output, _, _) = OpenWrtLab.Run(twin);
        var report = DriftReport.Compute(baseline, output.Facts, DeviceFamilies.CreateDriftRules());
        var change = Enumerable.Range(0, report.Count).Select(i => report[i]).Single(c => c.Key == "openwrt.feed.signature");
        Assert.AreEqual(("checked", "not checked", Severity.Critical), (change.OldValue, change.NewValue, change.Severity));
        Assert.AreEqual("distfeeds.conf", output.Facts.ToArray().Single(f => f.Key == "openwrt.feed.downloads.openwrt.org").Value);
    }

    [TestMethod]
    public async Task FirewallRulesFromTheSettings_GiveNoRulesetFacts()
    {
        // Rules and redirects in uci config firewall are fw4's: it renders them with "!fw4: NAME" comments.
        await using var twin = await OpenWrtLab.StartTwinAsync();
        twin.Apply(TwinChanges.WanAdmin);
        twin.Apply(TwinChanges.PortForward);
        var (output, _, _) = OpenWrtLab.Run(twin);
        Assert.AreEqual(0, output.VerdictCount, OpenWrtLab.Describe(output));
        Assert.IsFalse(output.Facts.ToArray().Any(f => f.Key.StartsWith("openwrt.nft.", StringComparison.Ordinal)), OpenWrtLab.Describe(output));
        Assert.AreEqual(1, twin.Execs);
    }

    [TestMethod]
    public async Task AccountWithoutFirewallStatusRights_GetsALimitFact_AndIsStillVerified()
    {
        await using var twin = await OpenWrtLab.StartTwinAsync();
        twin.Mutate(s => s.AddLogin("monitor", "Monitor-Pass-31", ["unauthenticated", "luci-access", "luci-base", "luci-mod-*", "luci-app-opkg", "flaxguard-read"], []));
        twin.Mutate(s => s.AclGroups.Remove("luci-mod-status-firewall"));
        var (output, _, _) = OpenWrtLab.Run(twin, OpenWrtLab.Options(twin, "monitor", "Monitor-Pass-31"));
        Assert.AreEqual(0, output.VerdictCount, OpenWrtLab.Describe(output));
        var limit = output.Facts.ToArray().Single(f => f.Key == "openwrt.limit.nft");
        StringAssert.Contains(limit.Value, "luci-mod-status-firewall");
        Assert.AreEqual(0, twin.Execs);
    }

    [TestMethod]
    public async Task AccountWithoutTheFlaxGuardGroup_NamesTheFilesItCouldNotRead()
    {
        await using var twin = await OpenWrtLab.StartTwinAsync();
        twin.Apply(TwinChanges.RootSshKey);
        twin.Mutate(s => s.AddLogin("monitor", "Monitor-Pass-31", ["unauthenticated", "luci-access", "luci-base", "luci-mod-*", "luci-app-opkg"], []));
        var (output, _, _) = OpenWrtLab.Run(twin, OpenWrtLab.Options(twin, "monitor", "Monitor-Pass-31"));
        Assert.AreEqual(0, output.VerdictCount, OpenWrtLab.Describe(output));
        var keys = output.Facts.ToArray().Select(f => f.Key).ToArray();
        CollectionAssert.IsSubsetOf(new[] { "openwrt.limit.unread.etc.profile", "openwrt.limit.unread.root..ssh.authorized_keys" }, keys, string.Join("\n", keys));
        Assert.IsFalse(keys.Any(k => k.StartsWith("openwrt.hook.", StringComparison.Ordinal)));
        // The feeds' group is there: the feeds are read.
        CollectionAssert.Contains(keys, "openwrt.feed.downloads.openwrt.org");
    }

    [TestMethod]
    public async Task TwinCgiExec_RefusesLikeCgiIo()
    {
        await using var twin = await OpenWrtLab.StartTwinAsync();
        using var client = new HttpClient();
        var url = new Uri(twin.BaseUri, OpenWrtTwin.CgiExecPath);
        async Task<(HttpStatusCode, string)> Post(string body)
        {
            using var content = new StringContent(body);
            content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/x-www-form-urlencoded");
            using var r = await client.PostAsync(url, content);
            return (r.StatusCode, await r.Content.ReadAsStringAsync());
        }
        const string nft = "%2Fusr%2Fsbin%2Fnft+--terse+--json+list+ruleset";
        Assert.AreEqual((HttpStatusCode.Forbidden, "Exec permission denied\n"), await Post("sessionid=" + UbusRaw.Anonymous + "&command=" + nft));
        using var ubus = new HttpClient { BaseAddress = twin.BaseUri };
        var login = await UbusRaw.CallAsync(ubus, UbusRaw.Anonymous, "session", "login", new { username = OpenWrtLab.User, password = OpenWrtLab.Password });
        var sid = login.GetProperty("result")[1].GetProperty("ubus_rpc_session").GetString();
        Assert.AreEqual((HttpStatusCode.BadRequest, "Invalid command parameter\n"), await Post($"sessionid={sid}"));
        Assert.AreEqual((HttpStatusCode.NotFound, "Executable not found\n"), await Post($"sessionid={sid}&command=%2Fbin%2Fcat+%2Fetc%2Fshadow"));
        // The ACL names the exact command line; nft with other arguments (a rule change) is not granted.
        Assert.AreEqual((HttpStatusCode.Forbidden, "Access to command denied by ACL\n"), await Post($"sessionid={sid}&command=%2Fusr%2Fsbin%2Fnft+flush+ruleset"));
        Assert.AreEqual((HttpStatusCode.Forbidden, "Access to command denied by ACL\n"), await Post($"sessionid={sid}&command=%2Fusr%2Fsbin%2Fnft+--json+list+ruleset"));
        var (status, body) = await Post($"sessionid={sid}&command={nft}");
        Assert.AreEqual(HttpStatusCode.OK, status);
        using var doc = JsonDocument.Parse(body);
        var entries = doc.RootElement.GetProperty("nftables");
        Assert.AreEqual("1.0.8", entries[0].GetProperty("metainfo").GetProperty("version").GetString());
        Assert.IsTrue(entries.EnumerateArray().Any(e => e.TryGetProperty("rule", out var r) && r.TryGetProperty("comment", out var c) && c.GetString() == "!fw4: NAS-HTTPS"));
        Assert.AreEqual(1, twin.Execs);
    }

    [TestMethod]
    public async Task TwinFileList_ListsFoldersBeyondTheOverlay_AndRefusesMissingOnes()
    {
        await using var twin = await OpenWrtLab.StartTwinAsync();
        using var ubus = new HttpClient { BaseAddress = twin.BaseUri };
        var login = await UbusRaw.CallAsync(ubus, UbusRaw.Anonymous, "session", "login", new { username = OpenWrtLab.User, password = OpenWrtLab.Password });
        var sid = login.GetProperty("result")[1].GetProperty("ubus_rpc_session").GetString()!;
        var keep = await UbusRaw.CallAsync(ubus, sid, "file", "list", new { path = "/lib/upgrade/keep.d" });
        var names = keep.GetProperty("result")[1].GetProperty("entries").EnumerateArray().Select(e => e.GetProperty("name").GetString()).ToArray();
        CollectionAssert.AreEquivalent(new[] { "base-files-essential", "dropbear", "uhttpd" }, names);
        var missing = await UbusRaw.CallAsync(ubus, sid, "file", "list", new { path = "/root/.ssh" });
        Assert.AreEqual(4, missing.GetProperty("result")[0].GetInt32());
        // A file is not a folder: opendir fails with ENOTDIR, rpcd's UBUS_STATUS_UNKNOWN_ERROR.
        var file = await UbusRaw.CallAsync(ubus, sid, "file", "list", new { path = "/etc/profile" });
        Assert.AreEqual(9, file.GetProperty("result")[0].GetInt32());
        // Reading a keep.d list is granted by no group.
        var read = await UbusRaw.CallAsync(ubus, sid, "file", "read", new { path = "/lib/upgrade/keep.d/dropbear" });
        Assert.AreEqual(6, read.GetProperty("result")[0].GetInt32());
    }
}
