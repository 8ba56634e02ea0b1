using System.Diagnostics;
using FlaxGuard.Engine.Probes;
using FlaxGuard.Engine.Probes.Snmp;
using FlaxGuard.Platform;

namespace FlaxGuard.Probes.Tests.Snmp;

/// <summary>
/// The SNMP probe against an agent that answers with malformed BER, truncated packets, wrong ids, huge length
/// fields, oversized datagrams, looping or endless walks, or not at all: every case ends within the bound, with
/// "could not verify", never OK and never an exception.
/// </summary>
[TestClass]
public sealed class SnmpProbeHostileTests
{
    private const int RequestTimeoutMs = 300;
    private const int Retries = 1;
    private const int TotalTimeoutMs = 4_000;

    private static (ProbeOutput Output, long ElapsedMs, int Received) Run(HostileSnmpMode mode, SnmpVersion version)
    {
        using var server = new HostileSnmpServer(mode);
        var options = new SnmpOptions
        {
            Port = server.Port,
            Version = version,
            Community = "public",
            User = "fguser",
            AuthPassword = "auth-pass-123",
            PrivPassword = "priv-pass-456",
            RequestTimeoutMs = RequestTimeoutMs,
            Retries = Retries,
            TotalTimeoutMs = TotalTimeoutMs,
            WalkTimeoutMs = 1_500,
            MaxWalkRows = 200,
        };
        var context = new ProbeContext("127.0.0.1", null!, null!, new SocketUdpExchange(), SystemClock.Instance);
        var output = new ProbeOutput();
        var watch = Stopwatch.StartNew();
        new SnmpProbe(options).Run(context, output);
        return (output, watch.ElapsedMilliseconds, server.Received);
    }

    [TestMethod]
    [DataRow(HostileSnmpMode.Silent, "no answer, not even to SNMPv3 engine discovery")]
    [DataRow(HostileSnmpMode.Garbage, "not valid SNMP")]
    [DataRow(HostileSnmpMode.Truncated, "not valid SNMP")]
    [DataRow(HostileSnmpMode.WrongRequestId, "did not match the requests")]
    [DataRow(HostileSnmpMode.HugeLength, "not valid SNMP")]
    [DataRow(HostileSnmpMode.IndefiniteLength, "not valid SNMP")]
    [DataRow(HostileSnmpMode.DeepNesting, "not valid SNMP")]
    [DataRow(HostileSnmpMode.LongOid, "not valid SNMP")]
    [DataRow(HostileSnmpMode.Oversized, "larger than")]
    public void V2c_HostileAnswers_AreUnverifiedWithinTheBound(HostileSnmpMode mode, string reason)
    {
        var (output, elapsed, received) = Run(mode, SnmpVersion.V2c);
        Assert.AreEqual(1, output.VerdictCount, string.Join("; ", output.Verdicts().Select(v => v.ToString())));
        var verdict = output.Verdicts()[0];
        Assert.IsTrue(verdict.IsUnverified, verdict.ToString());
        StringAssert.Contains(verdict.Message, reason);
        Assert.AreEqual(0, output.Facts.Count);
        Assert.IsFalse(output.CredentialsRefused, "no sign that the agent is there and refuses the community");
        var discovery = mode == HostileSnmpMode.Silent ? 1 : 0;
        Assert.AreEqual(Retries + 1 + discovery, received, "one request, resent once, and one engine discovery after silence only");
        Assert.IsLessThan((long)(RequestTimeoutMs * (Retries + 1 + discovery) + 1_000), elapsed, $"took {elapsed} ms");
    }

    [TestMethod]
    [DataRow(HostileSnmpMode.DropsCommunityAnswersDiscovery, true, "refuses the community")]
    [DataRow(HostileSnmpMode.DropsCommunityDiscoveryWrongId, false, "not even to SNMPv3 engine discovery")]
    [DataRow(HostileSnmpMode.DropsCommunityDiscoveryTruncated, false, "not even to SNMPv3 engine discovery")]
    public void V2c_DroppedCommunity_IsARefusalOnlyWhenDiscoveryIsAnsweredProperly(HostileSnmpMode mode, bool refused, string reason)
    {
        var (output, elapsed, received) = Run(mode, SnmpVersion.V2c);
        Assert.AreEqual(1, output.VerdictCount, string.Join("; ", output.Verdicts().Select(v => v.ToString())));
        var verdict = output.Verdicts()[0];
        Assert.IsTrue(verdict.IsUnverified, verdict.ToString());
        StringAssert.Contains(verdict.Message, reason);
        Assert.AreEqual(refused, output.CredentialsRefused);
        Assert.AreEqual(0, output.Facts.Count);
        Assert.AreEqual(Retries + 2, received, "the request, its one retry, one engine discovery; no retry of the discovery");
        Assert.IsLessThan((long)(RequestTimeoutMs * (Retries + 2) + 1_000), elapsed, $"took {elapsed} ms");
        Assert.IsFalse(verdict.Message.Contains("public", StringComparison.Ordinal), "the community never reaches a message");
    }

    [TestMethod]
    [DataRow(HostileSnmpMode.Silent, "no answer to SNMPv3 engine discovery")]
    [DataRow(HostileSnmpMode.Garbage, "not valid SNMP")]
    [DataRow(HostileSnmpMode.Truncated, "not valid SNMP")]
    [DataRow(HostileSnmpMode.WrongRequestId, "did not match the requests")]
    [DataRow(HostileSnmpMode.HugeLength, "not valid SNMP")]
    [DataRow(HostileSnmpMode.DeepNesting, "not valid SNMP")]
    [DataRow(HostileSnmpMode.Oversized, "larger than")]
    public void V3_HostileDiscoveryAnswers_AreUnverifiedWithinTheBound(HostileSnmpMode mode, string reason)
    {
        var (output, elapsed, received) = Run(mode, SnmpVersion.V3);
        Assert.AreEqual(1, output.VerdictCount, string.Join("; ", output.Verdicts().Select(v => v.ToString())));
        var verdict = output.Verdicts()[0];
        Assert.IsTrue(verdict.IsUnverified, verdict.ToString());
        StringAssert.Contains(verdict.Message, reason);
        Assert.AreEqual(0, output.Facts.Count);
        Assert.IsLessThanOrEqualTo(Retries + 1, received);
        Assert.IsLessThan((long)(RequestTimeoutMs * (Retries + 1) + 1_000), elapsed, $"took {elapsed} ms");
        Assert.IsFalse(verdict.Message.Contains("pass-", StringComparison.Ordinal));
    }

    [TestMethod]
    public void V3_UnauthenticatedAnswersAfterDiscovery_AreRefused()
    {
        // The hostile agent answers every v3 request with an unauthenticated discovery report; after discovery
        // such a report for an authPriv request must not be taken as data.
        var (output, elapsed, _) = Run(HostileSnmpMode.WrongIdThenRight, SnmpVersion.V3);
        Assert.AreEqual(1, output.VerdictCount, string.Join("; ", output.Verdicts().Select(v => v.ToString())));
        Assert.IsTrue(output.Verdicts()[0].IsUnverified);
        Assert.AreEqual(0, output.Facts.Count);
        Assert.IsLessThan((long)TotalTimeoutMs + 1_000, elapsed);
    }

    [TestMethod]
    public void V2c_WrongIdThenRight_IgnoresTheWrongAnswerAndSucceeds()
    {
        var (output, _, received) = Run(HostileSnmpMode.WrongIdThenRight, SnmpVersion.V2c);
        Assert.AreEqual(0, output.VerdictCount, string.Join("; ", output.Verdicts().Select(v => v.ToString())));
        Assert.AreEqual("hostile", output.Facts.Get("snmp.sys.descr")!.Value);
        Assert.AreEqual("1.3.6.1.4.1.99999.1", output.Facts.Get("snmp.sys.objectid")!.Value);
        Assert.AreEqual(0, received % 2, "every request needed exactly one retry");
    }

    [TestMethod]
    public void V2c_LoopingWalk_StopsAndSaysSo()
    {
        var (output, elapsed, _) = Run(HostileSnmpMode.LoopingWalk, SnmpVersion.V2c);
        var verdicts = output.Verdicts();
        Assert.HasCount(1, verdicts, string.Join("; ", verdicts.Select(v => v.ToString())));
        Assert.IsTrue(verdicts[0].IsUnverified);
        StringAssert.Contains(verdicts[0].Message, "out of order");
        Assert.AreEqual("hostile", output.Facts.Get("snmp.sys.name")!.Value);
        Assert.IsLessThan(2_000L, elapsed);
    }

    [TestMethod]
    public void V2c_EndlessWalk_StopsAtTheRowLimit()
    {
        var (output, elapsed, received) = Run(HostileSnmpMode.EndlessWalk, SnmpVersion.V2c);
        var verdicts = output.Verdicts();
        Assert.HasCount(1, verdicts, string.Join("; ", verdicts.Select(v => v.ToString())));
        Assert.IsTrue(verdicts[0].IsUnverified);
        StringAssert.Contains(verdicts[0].Message, "more than 200 rows");
        // One distinct process name however many rows: the set, not the rows, becomes facts.
        Assert.AreEqual("running", output.Facts.Get("snmp.process.worker")!.Value);
        // The agent gives one row per GETBULK: the system group, two empty ENTITY walks, then 200 rows and the one that hit the limit,
        // then the empty hrSWRunPath walk (no interpreter runs, so hrSWRunParameters is not walked).
        Assert.IsLessThanOrEqualTo(1 + 2 + 200 + 1 + 1, received);
        Assert.IsLessThan((long)TotalTimeoutMs, elapsed);
    }

    [TestMethod]
    public void V2c_OddProcessNames_BecomeValidBoundedKeys()
    {
        var (output, _, _) = Run(HostileSnmpMode.OddProcessNames, SnmpVersion.V2c);
        Assert.AreEqual(0, output.VerdictCount, string.Join("; ", output.Verdicts().Select(v => v.ToString())));
        var keys = output.Facts.ToArray().Select(f => f.Key).Where(k => k.StartsWith("snmp.process.", StringComparison.Ordinal)).ToArray();
        // Seven distinct non-empty names (the empty one is dropped, the two busybox rows are one fact).
        Assert.HasCount(7, keys, string.Join("\n", keys));
        Assert.Contains("snmp.process.busybox", keys);
        Assert.Contains("snmp.process.a%3Db%20c%25d", keys);
        foreach (var key in keys)
        {
            Assert.IsNull(FlaxGuard.Engine.Facts.Fact.ProblemWithKey(key), key);
        }
    }

    [TestMethod]
    public void V2c_ProgramsFromTmpOrDeletedFiles_AreSuspects_PidFilesOfDaemonsAreNot()
    {
        var (output, _, _) = Run(HostileSnmpMode.SuspectProcesses, SnmpVersion.V2c);
        Assert.AreEqual(0, output.VerdictCount, string.Join("; ", output.Verdicts().Select(v => v.ToString())));
        var suspects = output.Facts.ToArray().Where(f => f.Key.StartsWith("snmp.suspect.", StringComparison.Ordinal)).Select(f => f.Key).OrderBy(k => k, StringComparer.Ordinal).ToArray();
        string Key(string finding, string path) => "snmp.suspect." + finding + "." + FlaxGuard.Engine.Text.FactText.KeySegment(path, 200);
        CollectionAssert.AreEqual(new[] { Key("deleted", "/var/run/.m/mips"), Key("tmp", "./x"), Key("tmp", "/dev/shm/.s/run.sh") }.OrderBy(k => k, StringComparer.Ordinal).ToArray(), suspects, string.Join("\n", suspects));
        var rules = FlaxGuard.Engine.Families.DeviceFamilies.CreateDriftRules();
        foreach (var key in suspects)
            Assert.AreEqual(FlaxGuard.Engine.Verdicts.Severity.Critical, rules.Find(FlaxGuard.Engine.Drift.DriftKind.Added, key)!.Severity, key);
    }
}
