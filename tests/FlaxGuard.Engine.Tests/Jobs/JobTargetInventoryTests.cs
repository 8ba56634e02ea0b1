using System.Security.Cryptography;
using FlaxGuard.Engine.Jobs;
using FlaxGuard.Engine.Text;

namespace FlaxGuard.Engine.Tests.Jobs;

/// <summary>
/// The full TCP inventory's interval travels per target in the signed job (format 5); a format 4 or 3 job's one
/// job-wide interval applies to every target, and a format 2 or 1 job (none at all) means the daily default.
/// </summary>
[TestClass]
public sealed class JobTargetInventoryTests
{
    private static readonly byte[] Key = Enumerable.Range(40, 32).Select(i => (byte)i).ToArray();
    private static readonly byte[] Nonce = Enumerable.Range(90, 16).Select(i => (byte)i).ToArray();
    private const long Now = 1_764_201_600;

    private static JobTarget Target(string id, int inventorySeconds) =>
        new(id, id, "192.0.2.20", "web", "", "admin", "pw-" + id, null, null, false, inventorySeconds);

    [TestMethod]
    public void EachTargetKeepsItsOwnInterval_InTheSignedJob()
    {
        var job = new Job("dongle-01", 7, Now, 300, "", [Target("nas", 6 * 3600), Target("cam", 0), new JobTarget("tv", "tv", "192.0.2.21", "web", "", "", "", null)], 0, 1800);
        var envelope = JobEnvelope.Seal(job, Key, Nonce);
        Assert.AreEqual(5, envelope[4], "a new host writes format 5");
        var result = JobVerifier.Verify(envelope, Key, "dongle-01", 0);
        Assert.AreEqual(JobStatus.Accepted, result.Status, result.Reason);
        var targets = result.Job!.Targets;
        Assert.AreEqual((6 * 3600, 0, JobLimits.DefaultInventoryIntervalSeconds),
            (targets[0].InventoryIntervalSeconds, targets[1].InventoryIntervalSeconds, targets[2].InventoryIntervalSeconds),
            "6 h, off, and the daily default of a target that names none");
        Assert.AreEqual(("pw-nas", "pw-cam"), (targets[0].Password, targets[1].Password), "the secrets still decrypt after the new field");
        Assert.AreEqual(1800, result.Job.DiscoveryIntervalSeconds);
    }

    [TestMethod]
    public void OutOfRangeIntervals_AreRefused_WhenBuilt_AndWhenSigned()
    {
        Assert.ThrowsExactly<ArgumentOutOfRangeException>(() => Target("nas", 5));
        Assert.ThrowsExactly<ArgumentOutOfRangeException>(() => Target("nas", JobLimits.MaxInventoryIntervalSeconds + 1));
        Assert.ThrowsExactly<ArgumentOutOfRangeException>(() => Target("nas", -1));

        // A signed format 5 job whose target names 5 s: decodable bytes, but not a valid job.
        var body = new ByteWriter(256);
        var cipher = CredentialCipher.ForAppliance(Key, Nonce);
        JobCodec.WriteBody(body, [Target("nas", 600)], cipher);
        var bytes = body.ToArray();
        Array.Clear(bytes, bytes.Length - 4, 4);
        bytes[^1] = 5;
        var result = JobVerifier.Verify(Envelope(JobEnvelope.Format, null, bytes), Key, "dongle-01", 0);
        Assert.AreEqual(JobStatus.Malformed, result.Status);
        StringAssert.Contains(result.Reason, "inventory interval of 5 s is out of range");
    }

    [TestMethod]
    public void Format4Job_ItsJobWideIntervalAppliesToEveryTarget()
    {
        var result = JobVerifier.Verify(Envelope(JobEnvelope.FormatWithJobInventory, 3600u, OldBody(Target("nas", 600), Target("cam", 600))), Key, "dongle-01", 0);
        Assert.AreEqual(JobStatus.Accepted, result.Status, result.Reason);
        Assert.AreEqual((3600, 3600), (result.Job!.Targets[0].InventoryIntervalSeconds, result.Job.Targets[1].InventoryIntervalSeconds));
        Assert.AreEqual("pw-cam", result.Job.Targets[1].Password);

        var off = JobVerifier.Verify(Envelope(JobEnvelope.FormatWithJobInventory, 0u, OldBody(Target("nas", 600))), Key, "dongle-01", 0);
        Assert.AreEqual(0, off.Job!.Targets[0].InventoryIntervalSeconds, "a format 4 job that switched the inventory off keeps it off");
    }

    [TestMethod]
    public void Format2Job_WithoutAnyInterval_MeansDaily()
    {
        // Format 2: no inventory field, no probe settings, no factory flag: id, name, address, profile, ports, user, password, baseline flag.
        var body = new ByteWriter(128);
        body.WriteUInt32(1);
        foreach (var text in new[] { "nas", "nas", "192.0.2.20", "web", "" }) body.WriteString(text);
        body.WriteUInt32(0);
        body.WriteUInt32(0);
        body.WriteByte(0);
        var result = JobVerifier.Verify(Envelope(JobEnvelope.FormatWithoutSettings, null, body.ToArray()), Key, "dongle-01", 0);
        Assert.AreEqual(JobStatus.Accepted, result.Status, result.Reason);
        Assert.AreEqual(JobLimits.DefaultInventoryIntervalSeconds, result.Job!.Targets[0].InventoryIntervalSeconds);
    }

    /// <summary>A format 4 body: today's body without each target's trailing interval (the secrets' keystream is the same).</summary>
    private static byte[] OldBody(params JobTarget[] targets)
    {
        var all = new List<byte>();
        var count = new ByteWriter(4);
        count.WriteUInt32((uint)targets.Length);
        all.AddRange(count.ToArray());
        var cipher = CredentialCipher.ForAppliance(Key, Nonce);
        foreach (var target in targets)
        {
            // One target at a time through the same cipher, so the keystream runs on as in one body.
            var w = new ByteWriter(256);
            JobCodec.WriteBody(w, [target], cipher);
            var bytes = w.ToArray();
            all.AddRange(bytes[4..^4]);
        }
        return [.. all];
    }

    /// <param name="jobInventory">The header's job-wide interval (formats 3 and 4), or null for a format without it.</param>
    private static byte[] Envelope(byte format, uint? jobInventory, byte[] body)
    {
        var w = new ByteWriter(512);
        w.WriteBytes(JobEnvelope.Magic, 0, 4);
        w.WriteByte(format);
        w.WriteString("dongle-01");
        w.WriteInt64(2);
        w.WriteInt64(Now);
        w.WriteUInt32(300);
        if (format >= JobEnvelope.FormatWithoutSettings) w.WriteInt64(0);
        if (jobInventory is { } seconds) w.WriteUInt32(seconds);
        w.WriteString("");
        if (format >= JobEnvelope.FormatWithJobInventory) w.WriteUInt32(0);
        w.WriteBytes(Nonce, 0, 16);
        w.WriteUInt32((uint)body.Length);
        w.WriteBytes(body, 0, body.Length);
        var signed = w.ToArray();
        return [.. signed, .. HMACSHA256.HashData(Key, signed)];
    }
}
