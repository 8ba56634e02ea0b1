using System.Diagnostics;
using FlaxGuard.Engine.Probes;
using FlaxGuard.Engine.Probes.Snmp;
using FlaxGuard.Engine.Verdicts;
using FlaxGuard.Platform;

namespace FlaxGuard.Probes.Tests.Snmp;

/// <summary>
/// The SNMP probe against Debian's snmpd, value by value against what Debian's snmpget/snmpwalk read from the
/// same server, for v2c and for v3 authPriv (SHA + AES); and the verdicts for wrong credentials.
/// </summary>
[TestClass]
public sealed class SnmpProbeRealPeerTests
{
    private static SnmpdServer _server = null!;

    [ClassInitialize]
    public static void Start(TestContext _) => _server = SnmpdServer.Start();

    [ClassCleanup]
    public static void Stop() => _server?.Dispose();

    private static SnmpOptions V2c(string community) => new()
    {
        Port = _server.Port,
        Version = SnmpVersion.V2c,
        Community = community,
        RequestTimeoutMs = 700,
        Retries = 1,
        TotalTimeoutMs = 10_000,
        Random = SecureRandomSource.Instance,
    };

    private static SnmpOptions V3(string user, string auth, string priv) => new()
    {
        Port = _server.Port,
        Version = SnmpVersion.V3,
        User = user,
        AuthPassword = auth,
        PrivPassword = priv,
        RequestTimeoutMs = 700,
        Retries = 1,
        TotalTimeoutMs = 10_000,
        Random = SecureRandomSource.Instance,
    };

    private static (ProbeOutput Output, long ElapsedMs) Run(SnmpOptions options)
    {
        var context = new ProbeContext(_server.Address.ToString(), null!, null!, new SocketUdpExchange(), SystemClock.Instance);
        var output = new ProbeOutput();
        var watch = Stopwatch.StartNew();
        new SnmpProbe(options).Run(context, output);
        return (output, watch.ElapsedMilliseconds);
    }

    private static string Unquote(string value) => value.Length >= 2 && value[0] == '"' && value[^1] == '"' ? value[1..^1] : value;

    private static void AssertMatchesNetSnmp(ProbeOutput output, string[] security)
    {
        Assert.AreEqual(0, output.VerdictCount, string.Join("; ", output.Verdicts().Select(v => v.ToString())));
        var facts = output.Facts.ToArray().ToDictionary(f => f.Key, f => f.Value);

        // System group, by snmpget -On -Oq: "OID value" per line.
        var system = _server.Tool("snmpget", security, "1.3.6.1.2.1.1.1.0", "1.3.6.1.2.1.1.2.0", "1.3.6.1.2.1.1.4.0", "1.3.6.1.2.1.1.5.0", "1.3.6.1.2.1.1.6.0");
        var byOid = system.Select(l => l.Split(' ', 2)).ToDictionary(p => p[0], p => Unquote(p[1].Trim()));
        Assert.AreEqual(byOid[".1.3.6.1.2.1.1.1.0"], facts["snmp.sys.descr"]);
        Assert.AreEqual(byOid[".1.3.6.1.2.1.1.2.0"].TrimStart('.'), facts["snmp.sys.objectid"]);
        Assert.AreEqual(byOid[".1.3.6.1.2.1.1.4.0"], facts["snmp.sys.contact"]);
        Assert.AreEqual(byOid[".1.3.6.1.2.1.1.5.0"], facts["snmp.sys.name"]);
        Assert.AreEqual(byOid[".1.3.6.1.2.1.1.6.0"], facts["snmp.sys.location"]);
        Assert.AreEqual(SnmpdServer.SysDescr, facts["snmp.sys.descr"]);
        Assert.AreEqual(SnmpdServer.SysLocation, facts["snmp.sys.location"]);

        // ENTITY-MIB revisions, keyed by row index.
        foreach (var (column, suffix) in new[] { ("1.3.6.1.2.1.47.1.1.1.1.9", "firmware"), ("1.3.6.1.2.1.47.1.1.1.1.10", "software") })
        {
            var rows = _server.Tool("snmpwalk", security, column).Where(l => l.StartsWith("." + column + ".", StringComparison.Ordinal)).ToArray();
            Assert.IsNotEmpty(rows, $"snmpwalk saw no rows under {column}");
            var expected = rows.Select(l => l.Split(' ', 2)).ToDictionary(p => $"snmp.entity.{p[0][(column.Length + 2)..]}.{suffix}", p => Unquote(p[1].Trim()));
            var actual = facts.Where(f => f.Key.StartsWith("snmp.entity.", StringComparison.Ordinal) && f.Key.EndsWith("." + suffix, StringComparison.Ordinal)).ToDictionary(f => f.Key, f => f.Value);
            CollectionAssert.AreEquivalent(expected.ToList(), actual.ToList());
        }
        Assert.AreEqual("RouterOS 7.14.2", facts["snmp.entity.1.software"]);

        // Running processes: the de-duplicated names snmpwalk sees, nothing else, never a PID.
        var names = _server.Tool("snmpwalk", security, "1.3.6.1.2.1.25.4.2.1.2").Select(l => Unquote(l.Split(' ', 2)[1].Trim())).Distinct().OrderBy(n => n, StringComparer.Ordinal).ToArray();
        var processes = facts.Where(f => f.Key.StartsWith("snmp.process.", StringComparison.Ordinal)).ToArray();
        CollectionAssert.AreEqual(names, processes.Select(f => f.Key["snmp.process.".Length..]).ToArray());
        CollectionAssert.AreEquivalent(new[] { "fgbot", "sh", "sleep", "snmpd" }, names);
        Assert.IsTrue(processes.All(f => f.Value == "running"));

        // Issue 13: programs run from /tmp, by path (hrSWRunPath) or handed to an interpreter (hrSWRunParameters), as snmpwalk sees them.
        var paths = _server.Tool("snmpwalk", security, "1.3.6.1.2.1.25.4.2.1.4").Select(l => Unquote(l.Split(' ', 2)[1].Trim())).ToArray();
        CollectionAssert.Contains(paths, _server.DropDir + "/fgbot", "snmpd shows argv[0] as hrSWRunPath");
        var parameters = _server.Tool("snmpwalk", security, "1.3.6.1.2.1.25.4.2.1.5").Select(l => l.Split(' ', 2)).Where(p => p.Length == 2).Select(p => Unquote(p[1].Trim())).ToArray();
        CollectionAssert.Contains(parameters, _server.DropDir + "/run.sh");
        var suspects = facts.Where(f => f.Key.StartsWith("snmp.suspect.", StringComparison.Ordinal)).Select(f => f.Key).OrderBy(k => k, StringComparer.Ordinal).ToArray();
        CollectionAssert.AreEqual(new[]
        {
            "snmp.suspect.tmp." + FlaxGuard.Engine.Text.FactText.KeySegment(_server.DropDir + "/fgbot", 200),
            "snmp.suspect.tmp." + FlaxGuard.Engine.Text.FactText.KeySegment(_server.DropDir + "/run.sh", 200),
        }, suspects, string.Join("\n", suspects));
        Assert.IsTrue(facts.Where(f => f.Key.StartsWith("snmp.suspect.", StringComparison.Ordinal)).All(f => f.Value == "running"));

        // sysUpTime is volatile and never a fact; no secret appears anywhere.
        Assert.IsFalse(facts.Keys.Any(k => k.Contains("uptime", StringComparison.OrdinalIgnoreCase)));
        AssertNoSecrets(output);
    }

    private static void AssertNoSecrets(ProbeOutput output)
    {
        var all = string.Join("\n", output.Facts.ToArray().Select(f => f.ToString()).Concat(output.Verdicts().Select(v => v.ToString())));
        foreach (var secret in new[] { SnmpdServer.Community, SnmpdServer.AuthPassword, SnmpdServer.PrivPassword, "wrong-community", "wrong-auth-pass", "wrong-priv-pass" })
        {
            Assert.IsFalse(all.Contains(secret, StringComparison.Ordinal), "a secret leaked into the output");
        }
    }

    private static Verdict SingleUnverified(ProbeOutput output)
    {
        Assert.AreEqual(1, output.VerdictCount, string.Join("; ", output.Verdicts().Select(v => v.ToString())));
        var verdict = output.Verdicts()[0];
        Assert.IsTrue(verdict.IsUnverified, verdict.ToString());
        Assert.AreEqual(0, output.Facts.Count);
        AssertNoSecrets(output);
        return verdict;
    }

    [TestMethod]
    public void V2c_FactsMatchSnmpgetAndSnmpwalk()
    {
        var (output, _) = Run(V2c(SnmpdServer.Community));
        AssertMatchesNetSnmp(output, SnmpdServer.V2cArgs);
    }

    [TestMethod]
    public void V2c_WithGetNext_GivesTheSameFacts()
    {
        var options = V2c(SnmpdServer.Community);
        options.MaxRepetitions = 0;
        var (output, _) = Run(options);
        AssertMatchesNetSnmp(output, SnmpdServer.V2cArgs);
    }

    [TestMethod]
    public void V3AuthPriv_FactsMatchSnmpgetAndSnmpwalk()
    {
        var (output, _) = Run(V3(SnmpdServer.User, SnmpdServer.AuthPassword, SnmpdServer.PrivPassword));
        AssertMatchesNetSnmp(output, SnmpdServer.V3Args);
    }

    [TestMethod]
    public void V2c_WrongCommunity_IsUnverifiedWithinTheBound_AndARefusalBecauseSnmpdAnswersEngineDiscovery()
    {
        // snmpd drops the wrong community silently, yet answers SNMPv3 engine discovery although no v3 user is needed for it.
        var (output, elapsed) = Run(V2c("wrong-community"));
        var verdict = SingleUnverified(output);
        StringAssert.Contains(verdict.Message, "the agent answers SNMPv3 engine discovery but drops the SNMPv2c requests: it refuses the community");
        Assert.IsTrue(output.CredentialsRefused, "marked for the check's auth.snmp rating");
        Assert.IsFalse(verdict.Message.Contains("wrong-community", StringComparison.Ordinal));
        Assert.IsLessThan(3_000L, elapsed, $"took {elapsed} ms");
    }

    [TestMethod]
    public void V3_WrongAuthPassword_IsUnverifiedWithinTheBound()
    {
        var (output, elapsed) = Run(V3(SnmpdServer.User, "wrong-auth-pass", SnmpdServer.PrivPassword));
        var verdict = SingleUnverified(output);
        StringAssert.Contains(verdict.Message, "rejected the SNMPv3 authentication password");
        Assert.IsLessThan(3_000L, elapsed, $"took {elapsed} ms");
    }

    [TestMethod]
    public void V3_UnknownUser_IsUnverifiedWithinTheBound()
    {
        var (output, elapsed) = Run(V3("nosuchuser", SnmpdServer.AuthPassword, SnmpdServer.PrivPassword));
        var verdict = SingleUnverified(output);
        StringAssert.Contains(verdict.Message, "does not know the SNMPv3 user");
        Assert.IsLessThan(3_000L, elapsed, $"took {elapsed} ms");
    }

    [TestMethod]
    public void V3_WrongPrivacyPassword_IsUnverifiedWithinTheBound()
    {
        // net-snmp drops a request it cannot decrypt without a report, so this is silence after discovery.
        var (output, elapsed) = Run(V3(SnmpdServer.User, SnmpdServer.AuthPassword, "wrong-priv-pass"));
        var verdict = SingleUnverified(output);
        StringAssert.Contains(verdict.Message, "privacy password");
        Assert.IsLessThan(4_000L, elapsed, $"took {elapsed} ms");
    }

    [TestMethod]
    public void V3_StaleEngineClock_ResynchronisesOnceAndSucceeds()
    {
        foreach (var (bootsDelta, timeDelta) in new[] { (0, 100_000), (-1, 0) })
        {
            var discover = NewSession(SnmpdServer.AuthPassword);
            Assert.IsTrue(discover.Discover(), discover.Failure.ToString());
            var session = NewSession(SnmpdServer.AuthPassword);
            session.UseKnownEngine(discover.EngineId, Math.Max(0, discover.EngineBoots + bootsDelta), discover.EngineTime + timeDelta);
            if (bootsDelta < 0 && discover.EngineBoots == 0) continue;
            var pdu = session.Request(BerTag.GetRequest, [SnmpOid.Parse("1.3.6.1.2.1.1.5.0")], 1, 0, 0);
            Assert.IsNotNull(pdu, session.Failure.ToString());
            Assert.AreEqual(SnmpdServer.SysName, pdu.VarBinds[0].ValueText());
            Assert.AreEqual(discover.EngineBoots, session.EngineBoots);
            Assert.IsLessThan(10, Math.Abs(session.EngineTime - discover.EngineTime), $"{session.EngineTime} vs {discover.EngineTime}");
            Assert.AreEqual(2, session.Attempts, "one notInTimeWindow report, then one resynchronised request");
        }
    }

    [TestMethod]
    public void V3_DiscoveryReportsTheEngineIdSnmpdUses()
    {
        var session = NewSession(SnmpdServer.AuthPassword);
        Assert.IsTrue(session.Discover());
        // snmpEngineID.0 (SNMP-FRAMEWORK-MIB) as snmpget sees it, hex without spaces.
        var text = string.Join(" ", _server.Tool("snmpget", [.. SnmpdServer.V2cArgs, "-Ox"], "1.3.6.1.6.3.10.2.1.1.0"));
        var hex = new string(text.Split(' ', 2)[1].Where(Uri.IsHexDigit).ToArray()).ToLowerInvariant();
        Assert.AreEqual(hex, Convert.ToHexStringLower(session.EngineId));
    }

    private static SnmpV3Session NewSession(string authPassword) => new(
        new SocketUdpExchange(), SystemClock.Instance, _server.Address.ToString(), _server.Port,
        "fgadmin"u8.ToArray(), System.Text.Encoding.UTF8.GetBytes(authPassword), System.Text.Encoding.UTF8.GetBytes(SnmpdServer.PrivPassword),
        700, 1, SystemClock.Instance.MonotonicMilliseconds + 10_000, 4096, Random.Shared.Next(), (ulong)Random.Shared.NextInt64());
}
