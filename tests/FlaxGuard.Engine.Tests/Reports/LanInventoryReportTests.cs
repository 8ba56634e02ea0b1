using System.Security.Cryptography;
using FlaxGuard.Engine.Jobs;
using FlaxGuard.Engine.Reports;
using FlaxGuard.Engine.Text;

namespace FlaxGuard.Engine.Tests.Reports;

/// <summary>The LAN inventory report (envelope version 2) and the job's discovery interval (format 4): round trips and hostile input.</summary>
[TestClass]
public sealed class LanInventoryReportTests
{
    private static readonly byte[] Key = Enumerable.Range(1, 32).Select(i => (byte)i).ToArray();
    private const long Now = 1_764_201_600;

    private static LanInventory Sample() => new("192.0.2.0/24",
    [
        new LanDevice("192.0.2.1") { Mac = "02:00:00:00:00:01", Vendor = "OpenWrt", Model = "FlaxRouter 23.05.3", Kind = "router", Profile = "openwrt", Confidence = "high", Reason = "it says it runs OpenWrt", Sources = 9, Ports = [80, 443, 5000] },
        new LanDevice("192.0.2.20") { Name = "flaxnas", Model = "FlaxNAS administration", Kind = "nas", Profile = "web", Confidence = "medium", Sources = 2 },
        new LanDevice("192.0.2.77"),
    ], 4321, 3);

    [TestMethod]
    public void SealThenVerify_ReturnsTheInventory_AsVersion2()
    {
        var envelope = ReportEnvelope.Seal(new Report("dongle-01", 9, Now, Sample()), Key);
        Assert.AreEqual(ReportEnvelope.InventoryVersion, envelope[4]);
        Assert.AreEqual(9, ReportEnvelope.PeekCounter(envelope));
        var result = ReportVerifier.Verify(envelope, Key, Now, 300);
        Assert.AreEqual(ReportStatus.Accepted, result.Status, result.Reason);
        var inventory = result.Report!.Inventory!;
        Assert.IsEmpty(result.Report.Targets);
        Assert.AreEqual("192.0.2.0/24", inventory.Network);
        Assert.AreEqual(4321, inventory.ElapsedMs);
        Assert.AreEqual(3, inventory.TurnedAway);
        Assert.HasCount(3, inventory.Devices);
        var router = inventory.Devices[0];
        Assert.AreEqual("02:00:00:00:00:01", router.Mac);
        Assert.AreEqual("FlaxRouter 23.05.3", router.Model);
        Assert.AreEqual("openwrt", router.Profile);
        Assert.AreEqual("high", router.Confidence);
        Assert.AreEqual(9, router.Sources);
        CollectionAssert.AreEqual(new[] { 80, 443, 5000 }, router.Ports);
        Assert.AreEqual("flaxnas", inventory.Devices[1].Name);
        Assert.AreEqual("", inventory.Devices[2].Vendor);

        // A check report keeps version 1, so hosts that know no inventory still take it.
        var check = ReportEnvelope.Seal(new Report("dongle-01", 10, Now, []), Key);
        Assert.AreEqual(ReportEnvelope.Version, check[4]);
        Assert.IsNull(ReportVerifier.Verify(check, Key, Now, 300).Report!.Inventory);

        // Sealed again under a new counter (a lost state): still an inventory.
        var again = ReportVerifier.Verify(ReportEnvelope.Reseal(envelope, Key, 50), Key, Now, 300);
        Assert.AreEqual(50, again.Report!.Counter);
        Assert.HasCount(3, again.Report.Inventory!.Devices);
    }

    [TestMethod]
    public void Writer_CleansAndCapsDeviceText()
    {
        var hostile = new LanDevice("192.0.2.9") { Vendor = "Evil\u001b[31m\r\nCorp" + new string('x', 500), Mac = "not-a-mac", Ports = Enumerable.Range(1, 40).ToArray() };
        var envelope = ReportEnvelope.Seal(new Report("dongle-01", 1, Now, new LanInventory("192.0.2.0/24", [hostile], 1, 0)), Key);
        var d = ReportVerifier.Verify(envelope, Key, Now, 300).Report!.Inventory!.Devices.Single();
        Assert.IsLessThanOrEqualTo(LanInventoryLimits.MaxText, d.Vendor.Length);
        Assert.IsFalse(d.Vendor.Any(char.IsControl), d.Vendor);
        Assert.AreEqual("", d.Mac, "a MAC that is not one is left out");
        Assert.HasCount(LanInventoryLimits.MaxPorts, d.Ports);
    }

    /// <summary>A signed version 2 envelope around an arbitrary body, as a forged or buggy appliance with the key could send.</summary>
    private static byte[] SignedBody(Action<ByteWriter> body)
    {
        var b = new ByteWriter(256);
        body(b);
        var bytes = b.ToArray();
        var w = new ByteWriter(bytes.Length + 64);
        w.WriteBytes(ReportEnvelope.Magic, 0, 4);
        w.WriteByte(ReportEnvelope.InventoryVersion);
        w.WriteString("dongle-01");
        w.WriteInt64(3);
        w.WriteInt64(Now);
        w.WriteUInt32((uint)bytes.Length);
        w.WriteBytes(bytes, 0, bytes.Length);
        var signed = w.ToArray();
        return [.. signed, .. HMACSHA256.HashData(Key, signed)];
    }

    private static void Device(ByteWriter w, string address, string mac = "", string vendor = "", string confidence = "", int ports = 0)
    {
        w.WriteString(address);
        w.WriteString(mac);
        w.WriteString(vendor);
        foreach (var s in new[] { "", "", "", "" }) w.WriteString(s);
        w.WriteString(confidence);
        w.WriteString("");
        w.WriteByte(1);
        w.WriteByte((byte)ports);
        for (var i = 0; i < ports; i++) w.WriteUInt16(1000 + i);
    }

    private static void Header(ByteWriter w, uint count, string network = "192.0.2.0/24")
    {
        w.WriteString(network);
        w.WriteUInt32(10);
        w.WriteUInt32(0);
        w.WriteUInt32(count);
    }

    [TestMethod]
    public void SignedGarbage_IsRefusedWhole_WithTheReason()
    {
        (string Why, Action<ByteWriter> Body)[] cases =
        [
            ("more than the limit", w => Header(w, LanInventoryLimits.MaxDevices + 1)),
            ("larger than the data", w => Header(w, 200)),
            ("prefix length", w => { Header(w, 0, "10.0.0.0/8"); }),
            ("is not in 192.0.2.0/24", w => { Header(w, 1); Device(w, "198.51.100.7"); }),
            ("listed twice", w => { Header(w, 2); Device(w, "192.0.2.5"); Device(w, "192.0.2.5"); }),
            ("not aa:bb", w => { Header(w, 1); Device(w, "192.0.2.5", mac: "02:00:00:00:00:0G"); }),
            ("not clean text", w => { Header(w, 1); Device(w, "192.0.2.5", vendor: "a\u0007b"); }),
            ("not clean text", w => { Header(w, 1); Device(w, "192.0.2.5", vendor: new string('v', LanInventoryLimits.MaxText + 1)); }),
            ("confidence", w => { Header(w, 1); Device(w, "192.0.2.5", confidence: "certain"); }),
            ("more than 16 ports", w => { Header(w, 1); Device(w, "192.0.2.5", ports: 17); }),
            ("after its end", w => { Header(w, 1); Device(w, "192.0.2.5"); w.WriteByte(0); }),
        ];
        foreach (var (why, body) in cases)
        {
            var result = ReportVerifier.Verify(SignedBody(body), Key, Now, 300);
            Assert.AreEqual(ReportStatus.Malformed, result.Status, why);
            StringAssert.Contains(result.Reason, why);
        }
        var random = new Random(1616);
        for (var i = 0; i < 2000; i++)
        {
            var noise = new byte[random.Next(0, 300)];
            random.NextBytes(noise);
            if (i % 2 == 0 && noise.Length > 40) { var h = new ByteWriter(32); Header(h, (uint)random.Next(0, 4)); h.ToArray().CopyTo(noise, 0); }
            Assert.AreNotEqual(ReportStatus.Accepted, ReportVerifier.Verify(SignedBody(w => w.WriteBytes(noise, 0, noise.Length)), Key, Now, 300).Status);
        }
    }

    [TestMethod]
    public void JobFormat4AndLater_CarryTheDiscoveryInterval_OlderFormatsMeanNone()
    {
        var nonce = new byte[16];
        var job = new Job("dongle-01", 2, Now, 300, "", [], 0, 1800);
        var envelope = JobEnvelope.Seal(job, Key, nonce);
        Assert.AreEqual(JobEnvelope.Format, envelope[4]);
        var read = JobVerifier.Verify(envelope, Key, "dongle-01", 0);
        Assert.IsTrue(read.Accepted, read.Reason);
        Assert.AreEqual(1800, read.Job.DiscoveryIntervalSeconds);
        Assert.AreEqual(0, new Job("dongle-01", 2, Now, 300, "", []).DiscoveryIntervalSeconds, "a host that names no interval asks for no discovery");
        Assert.ThrowsExactly<ArgumentOutOfRangeException>(() => new Job("dongle-01", 2, Now, 300, "", [], 0, 10));

        // A format 3 envelope (no discovery field) still reads, as "no discovery".
        var w = new ByteWriter(128);
        w.WriteBytes(JobEnvelope.Magic, 0, 4);
        w.WriteByte(JobEnvelope.FormatWithoutDiscovery);
        w.WriteString("dongle-01");
        w.WriteInt64(3);
        w.WriteInt64(Now);
        w.WriteUInt32(300);
        w.WriteInt64(0);
        w.WriteUInt32(86_400);
        w.WriteString("");
        w.WriteBytes(nonce, 0, 16);
        w.WriteUInt32(4);
        w.WriteUInt32(0);
        var signed = w.ToArray();
        var old = JobVerifier.Verify([.. signed, .. HMACSHA256.HashData(Key, signed)], Key, "dongle-01", 0);
        Assert.IsTrue(old.Accepted, old.Reason);
        Assert.AreEqual(0, old.Job.DiscoveryIntervalSeconds);
    }
}
