using FlaxGuard.Engine.Baselines;
using FlaxGuard.Engine.Checks;
using FlaxGuard.Engine.Drift;
using FlaxGuard.Engine.Families;
using FlaxGuard.Engine.Probes;
using FlaxGuard.Engine.Probes.Snmp;
using FlaxGuard.Engine.Verdicts;
using FlaxGuard.Platform;
using FlaxGuard.Probes.Tests.Snmp;
using FlaxGuard.Wording;

namespace FlaxGuard.Probes.Tests.Scenarios;

/// <summary>
/// Issue 13 part 5 on every family with credentials: a login the device accepted at the baseline and refuses now is
/// one high change with the owner's sentence ("if you did not change them, someone else did"); what only that login
/// could read stays "could not verify" and is not reported as removed. Vendor twins through the appliance's profile
/// table; SNMPv3 against Debian's snmpd (wrong authentication password: usmStatsWrongDigests; unknown user); SNMPv2c
/// against Debian's snmpd whose community was changed in snmpd.conf (the agent drops the old one silently but answers
/// SNMPv3 engine discovery), and, as the counter-case, against a stopped and a silent agent, which stay "could not verify".
/// </summary>
[TestClass]
public sealed class RefusedCredentialsEveryFamilyTests
{
    private static CheckResult Check(ProbeContext context, IProbe[] probes, Baseline? baseline) =>
        TargetCheck.Run(context, probes, baseline, DeviceFamilies.CreateDriftRules(), DeviceFamilies.CreateVolatileFilter());

    private static string Describe(CheckResult r) =>
        string.Join("\n", r.Verdicts.Select(v => v.ToString())) + "\n" + string.Join("\n", r.Facts.ToArray().Select(f => f.ToString()));

    private static DriftChange[] Changes(CheckResult r) => r.Drift is null ? [] : Enumerable.Range(0, r.Drift.Count).Select(i => r.Drift[i]).ToArray();

    private static void AssertRefusedNow(CheckResult now, string probeName)
    {
        var changes = Changes(now);
        var all = string.Join("\n", changes.Select(c => $"{c.Kind} {c.Key} {c.Severity} {c.Code}")) + "\n" + Describe(now);
        var refused = changes.SingleOrDefault(c => c.Code == "auth.refused-now") ?? throw new AssertFailedException("no auth.refused-now change:\n" + all);
        Assert.AreEqual((DriftKind.Changed, Severity.High, "auth." + probeName), (refused.Kind, refused.Severity, refused.Key), all);
        StringAssert.Contains(DriftSentences.For(refused), "if you did not change them, someone else did");
        Assert.IsTrue(now.Verdicts.Any(v => v.IsUnverified && v.Subject == probeName), "the rest is could not verify:\n" + all);
        Assert.IsFalse(changes.Any(c => c.Kind == DriftKind.Removed && c.Severity >= Severity.Medium), "facts the login could not read are not reported as removed:\n" + all);
    }

    [TestMethod]
    [DataRow("openwrt", "openwrt-ubus")]
    [DataRow("routeros", "routeros-rest")]
    [DataRow("hikvision", "hikvision-isapi")]
    [DataRow("onvif", "onvif")]
    public async Task VendorLogin_AcceptedAtTheBaseline_RefusedNow_IsHigh(string profile, string probeName)
    {
        var subject = (ProfileScenarioSubject)ScenarioSubjects.Get(profile);
        using var cts = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        await using var twin = await subject.StartTwinAsync(cts.Token);
        using var http = new HttpClientTransport();
        var context = new ProbeContext(twin.BaseUri.Host, http, new SocketTcpConnector(), new SocketUdpExchange(), SystemClock.Instance, SecureRandomSource.Instance);

        var first = Check(context, subject.CreateProbes(twin), null);
        Assert.IsTrue(first.FullyVerified, Describe(first));
        var baseline = new Baseline(twin.BaseUri.Host, 1, first.Facts);

        var same = Check(context, subject.CreateProbes(twin), baseline);
        Assert.IsFalse(Changes(same).Any(c => c.Code == "auth.refused-now"), "the same login again is no refusal:\n" + Describe(same));

        AssertRefusedNow(Check(context, subject.CreateProbes(twin, "someone-else-set-this"), baseline), probeName);
    }

    [TestMethod]
    public void SnmpV3_WrongPasswordOrUnknownUser_AfterABaseline_IsHigh()
    {
        using var server = SnmpdServer.Start();
        var context = new ProbeContext(server.Address.ToString(), null!, null!, new SocketUdpExchange(), SystemClock.Instance, SecureRandomSource.Instance);
        SnmpProbe Probe(string user, string auth) => new(new SnmpOptions
        {
            Port = server.Port, Version = SnmpVersion.V3, User = user, AuthPassword = auth, PrivPassword = SnmpdServer.PrivPassword,
            RequestTimeoutMs = 700, Retries = 1, TotalTimeoutMs = 10_000, Random = SecureRandomSource.Instance,
        });

        var first = Check(context, [Probe(SnmpdServer.User, SnmpdServer.AuthPassword)], null);
        Assert.IsTrue(first.FullyVerified, Describe(first));
        var baseline = new Baseline(server.Address.ToString(), 1, first.Facts);

        AssertRefusedNow(Check(context, [Probe(SnmpdServer.User, "someone-else-set-this")], baseline), "snmp");
        AssertRefusedNow(Check(context, [Probe("renamed-user", SnmpdServer.AuthPassword)], baseline), "snmp");
    }

    [TestMethod]
    public void SnmpV2c_CommunityChangedInSnmpdConf_IsHigh_AgentGone_StaysCouldNotVerify()
    {
        using var server = SnmpdServer.Start();
        var context = new ProbeContext(server.Address.ToString(), null!, null!, new SocketUdpExchange(), SystemClock.Instance, SecureRandomSource.Instance);
        SnmpProbe Probe() => new(new SnmpOptions
        {
            Port = server.Port, Version = SnmpVersion.V2c, Community = SnmpdServer.Community,
            RequestTimeoutMs = 700, Retries = 1, TotalTimeoutMs = 10_000, Random = SecureRandomSource.Instance,
        });

        var first = Check(context, [Probe()], null);
        Assert.IsTrue(first.FullyVerified, Describe(first));
        var baseline = new Baseline(server.Address.ToString(), 1, first.Facts);

        var same = Check(context, [Probe()], baseline);
        Assert.IsFalse(Changes(same).Any(c => c.Code == "auth.refused-now"), "the same community again is no refusal:\n" + Describe(same));

        server.ChangeCommunity("someone-else-set-this");
        var changed = Check(context, [Probe()], baseline);
        AssertRefusedNow(changed, "snmp");
        StringAssert.Contains(changed.Verdicts.Single(v => v.IsUnverified && v.Subject == "snmp").Message, "refuses the community");
        Assert.IsFalse(Describe(changed).Contains(SnmpdServer.Community, StringComparison.Ordinal), "the community never reaches a verdict or fact");

        server.Stop();
        AssertGoneIsNotRefused(Check(context, [Probe()], baseline), "stopped agent (port closed)");

        // A device that is gone or firewalled answers nothing at all: a socket on the agent's address and port that reads and drops.
        using var silent = new System.Net.Sockets.Socket(System.Net.Sockets.AddressFamily.InterNetwork, System.Net.Sockets.SocketType.Dgram, System.Net.Sockets.ProtocolType.Udp);
        silent.Bind(new System.Net.IPEndPoint(server.Address, server.Port));
        AssertGoneIsNotRefused(Check(context, [Probe()], baseline), "silent agent");
        Assert.AreEqual(3, CountDatagrams(silent), "the v2c request, its one retry and one engine discovery, nothing more");
    }

    private static int CountDatagrams(System.Net.Sockets.Socket socket)
    {
        var buffer = new byte[4096];
        int n = 0;
        while (n < 16 && socket.Available > 0) { socket.Receive(buffer); n++; }
        return n;
    }

    private static void AssertGoneIsNotRefused(CheckResult now, string what)
    {
        var changes = Changes(now);
        var all = what + ":\n" + string.Join("\n", changes.Select(c => $"{c.Kind} {c.Key} {c.Severity} {c.Code}")) + "\n" + Describe(now);
        Assert.IsFalse(changes.Any(c => c.Code == "auth.refused-now"), "an agent that is gone is no refusal: " + all);
        Assert.IsFalse(changes.Any(c => c.Severity >= Severity.High), "nothing high when the agent is gone: " + all);
        Assert.IsTrue(now.Verdicts.Any(v => v.IsUnverified && v.Subject == "snmp"), "could not verify: " + all);
    }
}
