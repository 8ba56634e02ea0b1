using System.Security.Cryptography;
using FlaxGuard.Engine.Facts;
using FlaxGuard.Engine.Reports;
using FlaxGuard.Engine.Text;
using FlaxGuard.Engine.Verdicts;

namespace FlaxGuard.Engine.Tests.Reports;

[TestClass]
public sealed class ReportEnvelopeTests
{
    private static readonly byte[] Key = Enumerable.Range(1, 32).Select(i => (byte)i).ToArray();
    private const long Now = 1_764_201_600;

    private static Report Sample(long counter = 7, long timestamp = Now)
    {
        var facts = new FactSet();
        facts.Add("fw.version", "23.05.3", FactKind.Firmware);
        facts.Add("net.tcp.23", "open", FactKind.Exposure);
        var verdicts = new[]
        {
            new Verdict(VerdictKind.Exposure, Severity.Critical, "exposure.telnet", "net.tcp.23", "Telnet is open."),
            Verdict.Unverified("http-fingerprint", "timed out"),
        };
        return new Report("dongle-01", counter, timestamp, [new ReportTarget("router", facts, verdicts), new ReportTarget("cam ü", new FactSet(), [])]);
    }

    [TestMethod]
    public void SealThenVerify_ReturnsTheSameReport()
    {
        var envelope = ReportEnvelope.Seal(Sample(), Key);
        var result = ReportVerifier.Verify(envelope, Key, Now + 30, windowSeconds: 300);
        Assert.AreEqual(ReportStatus.Accepted, result.Status, result.Reason);
        var report = result.Report!;
        Assert.AreEqual("dongle-01", report.DeviceId);
        Assert.AreEqual(7, report.Counter);
        Assert.AreEqual(Now, report.TimestampUnixSeconds);
        Assert.HasCount(2, report.Targets);
        Assert.AreEqual("cam ü", report.Targets[1].TargetId);
        Assert.AreEqual(Sample().Targets[0].Facts.DigestHex(), report.Targets[0].Facts.DigestHex());
        var v = report.Targets[0].Verdicts[0];
        Assert.AreEqual((VerdictKind.Exposure, Severity.Critical, "exposure.telnet", "net.tcp.23", "Telnet is open."), (v.Kind, v.Severity, v.Code, v.Subject, v.Message));
        Assert.IsTrue(report.Targets[0].Verdicts[1].IsUnverified);
        Assert.AreEqual("dongle-01", ReportEnvelope.PeekDeviceId(envelope));
    }

    [TestMethod]
    public void Seal_IsDeterministic_AndTheMacIsHmacSha256OverTheRest()
    {
        var a = ReportEnvelope.Seal(Sample(), Key);
        CollectionAssert.AreEqual(a, ReportEnvelope.Seal(Sample(), Key));
        var signed = a[..^32];
        CollectionAssert.AreEqual(HMACSHA256.HashData(Key, signed), a[^32..]);
    }

    [TestMethod]
    public void FlippingAnyBit_InAnyByte_IsRefused()
    {
        var envelope = ReportEnvelope.Seal(Sample(), Key);
        for (var i = 0; i < envelope.Length; i++)
        {
            foreach (var bit in new[] { 0x01, 0x80 })
            {
                var copy = (byte[])envelope.Clone();
                copy[i] ^= (byte)bit;
                var result = ReportVerifier.Verify(copy, Key, Now, 300);
                Assert.IsFalse(result.Accepted, $"byte {i} bit {bit:x2} was accepted");
                Assert.IsTrue(result.Status is ReportStatus.BadSignature or ReportStatus.Malformed, $"byte {i}: {result.Status}");
            }
        }
    }

    [TestMethod]
    public void Truncation_AndAppendedBytes_AreRefused()
    {
        var envelope = ReportEnvelope.Seal(Sample(), Key);
        for (var length = 0; length < envelope.Length; length++)
            Assert.IsFalse(ReportVerifier.Verify(envelope[..length], Key, Now, 300).Accepted, $"length {length}");
        Assert.IsFalse(ReportVerifier.Verify([.. envelope, 0], Key, Now, 300).Accepted);
    }

    [TestMethod]
    public void WrongKey_IsBadSignature()
    {
        var envelope = ReportEnvelope.Seal(Sample(), Key);
        var other = (byte[])Key.Clone();
        other[0] ^= 1;
        var result = ReportVerifier.Verify(envelope, other, Now, 300);
        Assert.AreEqual(ReportStatus.BadSignature, result.Status);
        StringAssert.Contains(result.Reason, "signature");
    }

    [TestMethod]
    public void SealedTime_MayBeAnyAgeInThePast_ButNotAheadOfTheWindow()
    {
        // Reports queued through a host outage are old; they are still genuine evidence (the store keeps each counter once).
        Assert.AreEqual(ReportStatus.Accepted, ReportVerifier.Verify(ReportEnvelope.Seal(Sample(timestamp: Now - 30 * 24 * 3600), Key), Key, Now, 300).Status);
        Assert.AreEqual(ReportStatus.Accepted, ReportVerifier.Verify(ReportEnvelope.Seal(Sample(timestamp: Now + 300), Key), Key, Now, 300).Status);
        var ahead = ReportVerifier.Verify(ReportEnvelope.Seal(Sample(timestamp: Now + 301), Key), Key, Now, 300);
        Assert.AreEqual(ReportStatus.OutsideTimeWindow, ahead.Status);
        StringAssert.Contains(ahead.Reason, "301 s in the future");
    }

    [TestMethod]
    public void Reseal_KeepsBodyAndTime_ChangesTheCounter_AndVerifies()
    {
        var original = ReportEnvelope.Seal(Sample(counter: 3), Key);
        var again = ReportEnvelope.Reseal(original, Key, 42);

        var v = ReportVerifier.Verify(again, Key, Now, 300);
        Assert.AreEqual(ReportStatus.Accepted, v.Status);
        Assert.AreEqual(42, v.Report!.Counter);
        var before = ReportVerifier.Verify(original, Key, Now, 300).Report!;
        Assert.AreEqual(before.TimestampUnixSeconds, v.Report.TimestampUnixSeconds);
        Assert.AreEqual(before.Targets[0].TargetId, v.Report.Targets[0].TargetId);
        Assert.HasCount(original.Length, again);
        Assert.AreEqual(42, ReportEnvelope.PeekCounter(again));
    }

    [TestMethod]
    public void Reseal_RefusesBytesNotSignedWithTheKey()
    {
        var forged = ReportEnvelope.Seal(Sample(counter: 3), Key);
        forged[^1] ^= 1;
        Assert.ThrowsExactly<FormatException>(() => ReportEnvelope.Reseal(forged, Key, 9));
        Assert.ThrowsExactly<FormatException>(() => ReportEnvelope.Reseal(ReportEnvelope.Seal(Sample(counter: 3), Key), new byte[32], 9));
    }

    [TestMethod]
    public void SignedGarbageBody_IsMalformed_NotAccepted()
    {
        var w = new ByteWriter(64);
        w.WriteBytes(ReportEnvelope.Magic, 0, 4);
        w.WriteByte(ReportEnvelope.Version);
        w.WriteString("dongle-01");
        w.WriteInt64(1);
        w.WriteInt64(Now);
        byte[] body = [0, 0, 0, 1, 0, 0, 0, 1, (byte)'x', 0xFF, 0xFF];
        w.WriteUInt32((uint)body.Length);
        w.WriteBytes(body, 0, body.Length);
        var signed = w.ToArray();
        byte[] envelope = [.. signed, .. HMACSHA256.HashData(Key, signed)];
        var result = ReportVerifier.Verify(envelope, Key, Now, 300);
        Assert.AreEqual(ReportStatus.Malformed, result.Status);
        StringAssert.Contains(result.Reason, "signed but not decodable");
    }

    [TestMethod]
    public void RandomBytes_NeverThrow_AndAreNeverAccepted()
    {
        var random = new Random(1234);
        for (var i = 0; i < 3000; i++)
        {
            var bytes = new byte[random.Next(0, 300)];
            random.NextBytes(bytes);
            if (i % 3 == 0 && bytes.Length > 5) "FGR1"u8.ToArray().Concat(new byte[] { 1 }).ToArray().CopyTo(bytes, 0);
            Assert.IsFalse(ReportVerifier.Verify(bytes, Key, Now, 300).Accepted);
        }
        Assert.AreEqual(ReportStatus.Malformed, ReportVerifier.Verify(new byte[ReportLimits.MaxEnvelopeBytes + 1], Key, Now, 300).Status);
    }

    [TestMethod]
    public void ShortKeysAndBadDeviceIds_AreRejectedEarly()
    {
        Assert.ThrowsExactly<ArgumentException>(() => ReportEnvelope.Seal(Sample(), new byte[8]));
        Assert.ThrowsExactly<ArgumentException>(() => new Report("bad id", 1, Now, []));
        Assert.ThrowsExactly<ArgumentOutOfRangeException>(() => new Report("ok", 0, Now, []));
    }
}
