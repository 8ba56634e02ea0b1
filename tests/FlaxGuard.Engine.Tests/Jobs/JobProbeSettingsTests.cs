using System.Security.Cryptography;
using System.Text;
using FlaxGuard.Engine.Families;
using FlaxGuard.Engine.Jobs;
using FlaxGuard.Engine.Text;

namespace FlaxGuard.Engine.Tests.Jobs;

/// <summary>Format 3 jobs carry each target's trusted resolver in clear and its SNMP credentials encrypted like the password.</summary>
[TestClass]
public sealed class JobProbeSettingsTests
{
    private static readonly byte[] Key = Enumerable.Range(1, 32).Select(i => (byte)i).ToArray();
    private static readonly byte[] Nonce = Enumerable.Range(100, 16).Select(i => (byte)i).ToArray();
    private const long Now = 1_764_201_600;

    private static ProbeSettings V3() => new()
    {
        TrustedResolver = "192.0.2.53:5353",
        SnmpUser = "monitor-user",
        SnmpAuthPassword = "auth-passphrase-1",
        SnmpPrivPassword = "priv-passphrase-2",
    };

    private static Job Sample() => new("dongle-01", 7, Now, 300, "",
        [
            new JobTarget("t-1", "Router", "192.0.2.1", "openwrt", "", "root", "router-password", null, V3()),
            new JobTarget("t-2", "Switch", "192.0.2.30", "snmp", "", "", "", null, new ProbeSettings { SnmpCommunity = "c0mmunity-secret" }),
            new JobTarget("t-3", "Camera", "192.0.2.64", "web", "", "", "", null),
        ]);

    [TestMethod]
    public void Settings_SurviveSealAndVerify()
    {
        var result = JobVerifier.Verify(JobEnvelope.Seal(Sample(), Key, Nonce), Key, "dongle-01", 0);
        Assert.AreEqual(JobStatus.Accepted, result.Status, result.Reason);
        var router = result.Job!.Targets[0].Settings;
        Assert.AreEqual(("192.0.2.53:5353", "", "monitor-user", "auth-passphrase-1", "priv-passphrase-2"),
            (router.TrustedResolver, router.SnmpCommunity, router.SnmpUser, router.SnmpAuthPassword, router.SnmpPrivPassword));
        Assert.IsTrue(router.IsSnmpV3);
        var sw = result.Job.Targets[1].Settings;
        Assert.AreEqual("c0mmunity-secret", sw.SnmpCommunity);
        Assert.IsTrue(sw.HasSnmp && !sw.IsSnmpV3);
        Assert.AreEqual(ProbeSettings.DefaultTrustedResolver, sw.EffectiveTrustedResolver, "no resolver given: the default");
        Assert.IsFalse(result.Job.Targets[2].Settings.HasSnmp);
    }

    [TestMethod]
    public void SnmpSecrets_NeverAppearInClear_TheResolverDoes()
    {
        var envelope = JobEnvelope.Seal(Sample(), Key, Nonce);
        foreach (var secret in new[] { "monitor-user", "auth-passphrase-1", "priv-passphrase-2", "c0mmunity-secret", "router-password" })
            Assert.AreEqual(-1, envelope.AsSpan().IndexOf(Encoding.UTF8.GetBytes(secret)), $"{secret} in clear");
        Assert.AreNotEqual(-1, envelope.AsSpan().IndexOf("192.0.2.53:5353"u8), "the resolver is not a secret");
        Assert.AreEqual(JobEnvelope.Format, envelope[4]);
    }

    [TestMethod]
    public void Format2Job_FromAnOlderHost_IsRead_WithoutSettings()
    {
        // A format 2 body: one web target without settings fields, credentials empty.
        var body = new ByteWriter(128);
        body.WriteUInt32(1);
        foreach (var s in new[] { "t-1", "Router", "192.0.2.1", "web", "" }) body.WriteString(s);
        body.WriteUInt32(0);
        body.WriteUInt32(0);
        body.WriteByte(0);
        var bodyBytes = body.ToArray();
        var w = new ByteWriter(256);
        w.WriteBytes(JobEnvelope.Magic, 0, 4);
        w.WriteByte(JobEnvelope.FormatWithoutSettings);
        w.WriteString("dongle-01");
        w.WriteInt64(3);
        w.WriteInt64(Now);
        w.WriteUInt32(300);
        w.WriteInt64(0);
        w.WriteString("");
        w.WriteBytes(Nonce, 0, 16);
        w.WriteUInt32((uint)bodyBytes.Length);
        w.WriteBytes(bodyBytes, 0, bodyBytes.Length);
        var signed = w.ToArray();
        var result = JobVerifier.Verify([.. signed, .. HMACSHA256.HashData(Key, signed)], Key, "dongle-01", 0);
        Assert.AreEqual(JobStatus.Accepted, result.Status, result.Reason);
        Assert.AreEqual("192.0.2.1", result.Job!.Targets[0].Address);
        Assert.IsFalse(result.Job.Targets[0].Settings.HasSnmp);
        Assert.AreEqual("", result.Job.Targets[0].Settings.TrustedResolver);
    }
}
