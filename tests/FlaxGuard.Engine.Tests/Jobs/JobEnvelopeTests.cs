using System.Security.Cryptography;
using System.Text;
using FlaxGuard.Engine.Jobs;
using FlaxGuard.Engine.Text;

namespace FlaxGuard.Engine.Tests.Jobs;

[TestClass]
public sealed class JobEnvelopeTests
{
    private static readonly byte[] Key = Enumerable.Range(1, 32).Select(i => (byte)i).ToArray();
    private static readonly byte[] Nonce = Enumerable.Range(200, 16).Select(i => (byte)i).ToArray();
    private const long Now = 1_764_201_600;
    private const string Baseline = "# FlaxGuard baseline v1\ndevice router\ncreated 1764201600\ndigest 00\nfact firmware fw.version 23.05.3\n";

    private static Job Sample(long version = 5) => new(
        "dongle-01", version, Now, 300, "hashdb-2026.11.27",
        [
            new JobTarget("t-1", "Office router", "192.0.2.1", "openwrt", "default,8000-8010", "root", "s3cret-pässword", Baseline),
            new JobTarget("t-2", "Camera", "https://203.0.113.9:8443", "hikvision", "", "", "", null),
        ]);

    private static JobVerification Verify(byte[] envelope, long lastVersion = 0, string device = "dongle-01", byte[]? key = null) =>
        JobVerifier.Verify(envelope, key ?? Key, device, lastVersion);

    [TestMethod]
    public void SealThenVerify_ReturnsTheSameJob()
    {
        var envelope = JobEnvelope.Seal(Sample(), Key, Nonce);
        var result = Verify(envelope, lastVersion: 4);
        Assert.AreEqual(JobStatus.Accepted, result.Status, result.Reason);
        var job = result.Job!;
        Assert.AreEqual(("dongle-01", 5L, Now, 300, "hashdb-2026.11.27"), (job.DeviceId, job.Version, job.IssuedUnixSeconds, job.IntervalSeconds, job.HashDbVersion));
        Assert.HasCount(2, job.Targets);
        var a = job.Targets[0];
        Assert.AreEqual(("t-1", "Office router", "192.0.2.1", "openwrt", "default,8000-8010", "root", "s3cret-pässword", Baseline),
            (a.TargetId, a.Name, a.Address, a.Profile, a.Ports, a.User, a.Password, a.BaselineText));
        var b = job.Targets[1];
        Assert.AreEqual(("t-2", "https://203.0.113.9:8443", "hikvision", "", "", ""), (b.TargetId, b.Address, b.Profile, b.Ports, b.User, b.Password));
        Assert.IsNull(b.BaselineText);
        Assert.AreEqual("dongle-01", JobEnvelope.PeekDeviceId(envelope));
    }

    [TestMethod]
    public void SameVersionAgain_IsAccepted_OlderIsRefused()
    {
        var envelope = JobEnvelope.Seal(Sample(version: 5), Key, Nonce);
        Assert.AreEqual(JobStatus.Accepted, Verify(envelope, lastVersion: 5).Status);
        var older = Verify(envelope, lastVersion: 6);
        Assert.AreEqual(JobStatus.OlderVersion, older.Status);
        StringAssert.Contains(older.Reason, "older");
        Assert.IsNull(older.Job);
    }

    [TestMethod]
    public void JobForAnotherAppliance_IsRefused()
    {
        var envelope = JobEnvelope.Seal(Sample(), Key, Nonce);
        var result = Verify(envelope, device: "dongle-02");
        Assert.AreEqual(JobStatus.WrongDevice, result.Status);
        Assert.IsNull(result.Job);
    }

    [TestMethod]
    public void Credentials_NeverAppearInClear_InTheEnvelope()
    {
        var envelope = JobEnvelope.Seal(Sample(), Key, Nonce);
        foreach (var secret in new[] { "s3cret-pässword", "root" })
        {
            var needle = Encoding.UTF8.GetBytes(secret);
            Assert.AreEqual(-1, envelope.AsSpan().IndexOf(needle), $"{secret} in clear");
        }
        // Visible on purpose: addresses and the baseline are not secret.
        Assert.AreNotEqual(-1, envelope.AsSpan().IndexOf("192.0.2.1"u8));
    }

    [TestMethod]
    public void Credentials_AreAesCtr_UnderTheDerivedKey_WithTheNonceAsFirstCounterBlock()
    {
        var envelope = JobEnvelope.Seal(Sample(), Key, Nonce);
        var derived = HMACSHA256.HashData(Key, "flaxguard job credentials"u8)[..16];
        CollectionAssert.AreEqual(derived, CredentialCipher.DeriveKey(Key));
        // Keystream over user "root" then password, in target order.
        var clear = Encoding.UTF8.GetBytes("root" + "s3cret-pässword");
        var expected = ReferenceCtr(derived, Nonce, clear);
        var userAt = envelope.AsSpan().IndexOf("\0\0\0\u0004"u8.ToArray().Concat(expected[..4]).ToArray());
        Assert.IsGreaterThan(0, userAt, "encrypted user not found where the reference CTR puts it");
        var passwordCipher = expected[4..];
        Assert.AreNotEqual(-1, envelope.AsSpan().IndexOf(passwordCipher));
    }

    [TestMethod]
    public void DifferentNonces_GiveDifferentCiphertext_AndBothOpen()
    {
        var other = (byte[])Nonce.Clone();
        other[15] ^= 1;
        var a = JobEnvelope.Seal(Sample(), Key, Nonce);
        var b = JobEnvelope.Seal(Sample(), Key, other);
        CollectionAssert.AreNotEqual(a, b);
        Assert.AreEqual("s3cret-pässword", Verify(b).Job!.Targets[0].Password);
    }

    [TestMethod]
    public void Seal_IsDeterministicForANonce_AndTheMacIsHmacSha256OverTheRest()
    {
        var a = JobEnvelope.Seal(Sample(), Key, Nonce);
        CollectionAssert.AreEqual(a, JobEnvelope.Seal(Sample(), Key, Nonce));
        CollectionAssert.AreEqual(HMACSHA256.HashData(Key, a[..^32]), a[^32..]);
        CollectionAssert.AreEqual("FGJ1"u8.ToArray(), a[..4]);
    }

    [TestMethod]
    public void FlippingAnyBit_InAnyByte_IsRefused()
    {
        var envelope = JobEnvelope.Seal(Sample(), Key, Nonce);
        for (var i = 0; i < envelope.Length; i++)
        {
            foreach (var bit in new[] { 0x01, 0x80 })
            {
                var copy = (byte[])envelope.Clone();
                copy[i] ^= (byte)bit;
                var result = Verify(copy);
                Assert.IsFalse(result.Accepted, $"byte {i} bit {bit:x2} was accepted");
                Assert.IsTrue(result.Status is JobStatus.BadSignature or JobStatus.Malformed, $"byte {i}: {result.Status}");
            }
        }
    }

    [TestMethod]
    public void Truncation_AndAppendedBytes_AreRefused()
    {
        var envelope = JobEnvelope.Seal(Sample(), Key, Nonce);
        for (var length = 0; length < envelope.Length; length++)
            Assert.IsFalse(Verify(envelope[..length]).Accepted, $"length {length}");
        Assert.IsFalse(Verify([.. envelope, 0]).Accepted);
    }

    [TestMethod]
    public void WrongKey_IsBadSignature()
    {
        var other = (byte[])Key.Clone();
        other[31] ^= 1;
        var result = Verify(JobEnvelope.Seal(Sample(), Key, Nonce), key: other);
        Assert.AreEqual(JobStatus.BadSignature, result.Status);
        StringAssert.Contains(result.Reason, "signature");
    }

    [TestMethod]
    public void RandomBytes_NeverThrow_AndAreNeverAccepted()
    {
        var random = new Random(4321);
        var header = "FGJ1"u8.ToArray().Append((byte)1).ToArray();
        for (var i = 0; i < 3000; i++)
        {
            var bytes = new byte[random.Next(0, 400)];
            random.NextBytes(bytes);
            if (i % 3 == 0 && bytes.Length > 5) header.CopyTo(bytes, 0);
            Assert.IsFalse(Verify(bytes).Accepted);
        }
        Assert.AreEqual(JobStatus.Malformed, Verify(new byte[JobLimits.MaxEnvelopeBytes + 1]).Status);
    }

    [TestMethod]
    public void SignedButUndecodableBody_IsMalformed()
    {
        // A correctly MACed envelope whose body claims a target but ends: the decoder must refuse, not throw.
        var w = new ByteWriter(128);
        w.WriteBytes(JobEnvelope.Magic, 0, 4);
        w.WriteByte(JobEnvelope.Format);
        w.WriteString("dongle-01");
        w.WriteInt64(1);
        w.WriteInt64(Now);
        w.WriteUInt32(300);
        w.WriteInt64(0); // report high-water mark
        w.WriteString("");
        w.WriteUInt32(3600); // discovery interval (format 4 on); format 5 has no job-wide inventory interval
        w.WriteBytes(Nonce, 0, 16);
        byte[] body = [0, 0, 0, 1, 0, 0, 0, 2, (byte)'x'];
        w.WriteUInt32((uint)body.Length);
        w.WriteBytes(body, 0, body.Length);
        var signed = w.ToArray();
        var result = Verify([.. signed, .. HMACSHA256.HashData(Key, signed)]);
        Assert.AreEqual(JobStatus.Malformed, result.Status);
        StringAssert.Contains(result.Reason, "signed but not decodable");
    }

    [TestMethod]
    public void BadInputs_AreRejectedEarly()
    {
        Assert.ThrowsExactly<ArgumentException>(() => JobEnvelope.Seal(Sample(), new byte[8], Nonce));
        Assert.ThrowsExactly<ArgumentException>(() => JobEnvelope.Seal(Sample(), Key, new byte[8]));
        Assert.ThrowsExactly<ArgumentException>(() => new Job("bad id", 1, Now, 300, "", []));
        Assert.ThrowsExactly<ArgumentOutOfRangeException>(() => new Job("ok", 0, Now, 300, "", []));
        Assert.ThrowsExactly<ArgumentOutOfRangeException>(() => new Job("ok", 1, Now, 1, "", []));
        var longPassword = new JobTarget("t", "n", "a", "web", "", "u", new string('p', JobLimits.MaxCredentialBytes + 1), null);
        Assert.ThrowsExactly<ArgumentException>(() => JobEnvelope.Seal(new Job("ok", 1, Now, 300, "", [longPassword]), Key, Nonce));
    }

    /// <summary>CTR built from .NET's AES-ECB: E(counter) XOR data, counter as a 128-bit big-endian number.</summary>
    internal static byte[] ReferenceCtr(byte[] key, byte[] nonce, byte[] data)
    {
        using var aes = Aes.Create();
        aes.Key = key;
        var counter = (byte[])nonce.Clone();
        var output = new byte[data.Length];
        for (var offset = 0; offset < data.Length; offset += 16)
        {
            var block = aes.EncryptEcb(counter, PaddingMode.None);
            for (var i = 0; i < 16 && offset + i < data.Length; i++) output[offset + i] = (byte)(data[offset + i] ^ block[i]);
            for (var i = 15; i >= 0 && ++counter[i] == 0; i--) { }
        }
        return output;
    }

    [TestMethod]
    public void ReportHighWater_TravelsInTheSignedHeader()
    {
        var job = new Job("dongle-01", 5, Now, 300, "", [], reportHighWater: 1_234_567);
        var result = Verify(JobEnvelope.Seal(job, Key, Nonce));
        Assert.AreEqual(JobStatus.Accepted, result.Status, result.Reason);
        Assert.AreEqual(1_234_567, result.Job!.ReportHighWater);
    }

    [TestMethod]
    public void Format1Envelope_FromAnOlderHost_IsStillRead_WithHighWaterZero()
    {
        var w = new ByteWriter(128);
        w.WriteBytes(JobEnvelope.Magic, 0, 4);
        w.WriteByte(JobEnvelope.FormatWithoutHighWater);
        w.WriteString("dongle-01");
        w.WriteInt64(3);
        w.WriteInt64(Now);
        w.WriteUInt32(300);
        w.WriteString("");
        w.WriteBytes(Nonce, 0, 16);
        byte[] body = [0, 0, 0, 0];
        w.WriteUInt32((uint)body.Length);
        w.WriteBytes(body, 0, body.Length);
        var signed = w.ToArray();
        var result = Verify([.. signed, .. HMACSHA256.HashData(Key, signed)]);
        Assert.AreEqual(JobStatus.Accepted, result.Status, result.Reason);
        Assert.AreEqual(0, result.Job!.ReportHighWater);
        Assert.AreEqual(3, result.Job.Version);
    }
}
