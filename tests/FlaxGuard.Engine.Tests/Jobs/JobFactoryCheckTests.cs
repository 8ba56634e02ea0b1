using System.Security.Cryptography;
using FlaxGuard.Engine.Jobs;
using FlaxGuard.Engine.Text;

namespace FlaxGuard.Engine.Tests.Jobs;

/// <summary>
/// Format 4 jobs carry each target's opt-in to the factory-password check as one byte after the baseline; format 3 jobs
/// from an older host read as "off" (never a check nobody asked for); any other flag value is refused.
/// </summary>
[TestClass]
public sealed class JobFactoryCheckTests
{
    private static readonly byte[] Key = Enumerable.Range(1, 32).Select(i => (byte)i).ToArray();
    private static readonly byte[] Nonce = Enumerable.Range(100, 16).Select(i => (byte)i).ToArray();
    private const long Now = 1_764_201_600;

    [TestMethod]
    public void OptIn_RoundTrips_PerTarget()
    {
        var job = new Job("dongle-01", 2, Now, 300, "",
        [
            new JobTarget("t-1", "Camera", "192.0.2.64", "hikvision", "", "admin", "pw", "baseline-text", null, true),
            new JobTarget("t-2", "Router", "192.0.2.1", "openwrt", "", "root", "pw", null, null, false),
        ]);
        var envelope = JobEnvelope.Seal(job, Key, Nonce);
        Assert.AreEqual(JobEnvelope.Format, envelope[4]);
        var result = JobVerifier.Verify(envelope, Key, "dongle-01", 0);
        Assert.AreEqual(JobStatus.Accepted, result.Status, result.Reason);
        Assert.IsTrue(result.Job!.Targets[0].FactoryCheck);
        Assert.AreEqual("baseline-text", result.Job.Targets[0].BaselineText);
        Assert.IsFalse(result.Job.Targets[1].FactoryCheck);
    }

    private static byte[] Envelope(byte format, byte[] body)
    {
        var w = new ByteWriter(256);
        w.WriteBytes(JobEnvelope.Magic, 0, 4);
        w.WriteByte(format);
        w.WriteString("dongle-01");
        w.WriteInt64(3);
        w.WriteInt64(Now);
        w.WriteUInt32(300);
        w.WriteInt64(0);
        w.WriteUInt32(86_400);
        w.WriteString("");
        if (format >= JobEnvelope.FormatWithJobInventory) w.WriteUInt32(0); // discoveryIntervalSeconds: none
        w.WriteBytes(Nonce, 0, 16);
        w.WriteUInt32((uint)body.Length);
        w.WriteBytes(body, 0, body.Length);
        var signed = w.ToArray();
        return [.. signed, .. HMACSHA256.HashData(Key, signed)];
    }

    /// <summary>One web target with empty secrets (the keystream of an empty secret is nothing), no baseline, then <paramref name="tail"/>.</summary>
    private static byte[] Body(params byte[] tail)
    {
        var body = new ByteWriter(128);
        body.WriteUInt32(1);
        foreach (var s in new[] { "t-1", "Router", "192.0.2.1", "web", "" }) body.WriteString(s);
        body.WriteUInt32(0);
        body.WriteUInt32(0);
        body.WriteString("");
        for (var i = 0; i < 4; i++) body.WriteUInt32(0);
        body.WriteByte(0);
        body.WriteBytes(tail, 0, tail.Length);
        return body.ToArray();
    }

    [TestMethod]
    public void Format3Job_FromAnOlderHost_ReadsAsOff()
    {
        var result = JobVerifier.Verify(Envelope(JobEnvelope.FormatWithoutDiscovery, Body()), Key, "dongle-01", 0);
        Assert.AreEqual(JobStatus.Accepted, result.Status, result.Reason);
        Assert.IsFalse(result.Job!.Targets[0].FactoryCheck);
    }

    [TestMethod]
    public void Format4_FlagOtherThan0Or1_OrMissing_IsMalformed()
    {
        Assert.IsTrue(JobVerifier.Verify(Envelope(JobEnvelope.FormatWithJobInventory, Body(1)), Key, "dongle-01", 0).Job!.Targets[0].FactoryCheck);
        var bad = JobVerifier.Verify(Envelope(JobEnvelope.FormatWithJobInventory, Body(2)), Key, "dongle-01", 0);
        Assert.AreEqual(JobStatus.Malformed, bad.Status);
        StringAssert.Contains(bad.Reason, "factory-check flag");
        Assert.AreEqual(JobStatus.Malformed, JobVerifier.Verify(Envelope(JobEnvelope.FormatWithJobInventory, Body()), Key, "dongle-01", 0).Status);
    }
}
