using FlaxGuard.Engine.Facts;
using FlaxGuard.Engine.HashDb;
using FlaxGuard.Engine.Text;
using FlaxGuard.Engine.Verdicts;
using FlaxGuard.Hashes.Sources;

namespace FlaxGuard.Engine.Tests.HashDb;

[TestClass]
public sealed class FirmwareAssessorTests
{
    private static readonly byte[] Db = SyntheticDatabase.Build(400, 20, new List<KnownExploitedRow>
    {
        new("Vendor 3", "test product", "router", "Model-3*", "<1.2.0", "1.2.0", "CVE-2099-1111", "", "lead", "https://example.invalid/a", "test row"),
        new("Vendor 4", "test product", "router", "*", "unknown", "unknown", "CVE-2099-2222", "", "no", "https://example.invalid/b", "test row"),
        new("Vendor 5", "test product", "router", "Model-5", "unknown", "unknown", "CVE-2099-3333", "", "no", "https://example.invalid/c", "test row"),
    });

    private static HashDbReader Open() =>
        HashDbReader.Open(new MemoryBlobReader(SyntheticDatabase.Name, Db), SyntheticDatabase.Name, SyntheticDatabase.ApplianceKey, 512, out var problem)
        ?? throw new AssertFailedException(problem);

    private static Verdict Single(Verdict[] verdicts, string code) => verdicts.Single(v => v.Code == code);

    [TestMethod]
    public void PublishedImage_IsKnownGoodWithItsIdentity()
    {
        var (vendor, model, version) = SyntheticDatabase.IdentityOf(41, 20);
        var now = new FirmwareObservation(vendor, model, version, Hex.Encode(SyntheticDatabase.HashOf(41)));

        var verdicts = FirmwareAssessor.Assess(Open(), null, now, null);

        var good = Single(verdicts, FirmwareAssessor.KnownGoodCode);
        Assert.AreEqual(VerdictKind.Firmware, good.Kind);
        Assert.AreEqual(Severity.None, good.Severity);
        StringAssert.Contains(good.Message, $"{vendor} {model} {version}");
    }

    [TestMethod]
    public void PublishedImage_ForAnotherVersionThanReported_IsAMismatch()
    {
        var (vendor, model, _) = SyntheticDatabase.IdentityOf(41, 20);
        var now = new FirmwareObservation(vendor, model, "7.7.7", Hex.Encode(SyntheticDatabase.HashOf(41)));

        var verdicts = FirmwareAssessor.Assess(Open(), null, now, null);

        Assert.AreEqual(Severity.High, Single(verdicts, FirmwareAssessor.MismatchCode).Severity);
        Assert.IsFalse(verdicts.Any(v => v.Code == FirmwareAssessor.KnownGoodCode));
    }

    [TestMethod]
    public void UnknownImage_IsUnknown()
    {
        var now = new FirmwareObservation("Vendor 1", "Model-1", "1.0.0", new string('e', 64));

        var verdicts = FirmwareAssessor.Assess(Open(), null, now, null);

        Assert.AreEqual(Severity.Low, Single(verdicts, FirmwareAssessor.UnknownCode).Severity);
    }

    [TestMethod]
    public void ExploitedVersion_IsCriticalWithCvesAndFixedVersion()
    {
        var now = new FirmwareObservation("VENDOR 3", "Model-3 rev B", "1.1.9", null);

        var verdicts = FirmwareAssessor.Assess(Open(), null, now, null);

        var exploited = Single(verdicts, FirmwareAssessor.ExploitedCode);
        Assert.AreEqual(Severity.Critical, exploited.Severity);
        StringAssert.Contains(exploited.Message, "CVE-2099-1111");
        StringAssert.Contains(exploited.Message, "Update to 1.2.0 or later");
        StringAssert.Contains(exploited.Message, "2024 Flax Typhoon botnet");
        Assert.IsFalse(FirmwareAssessor.Assess(Open(), null, new FirmwareObservation("Vendor 3", "Model-3", "1.2.0", null), null)
            .Any(v => v.Code == FirmwareAssessor.ExploitedCode), "the fixed version is not exploited");
    }

    [TestMethod]
    public void UnknownRange_IsMediumForANamedModelAndInfoForAVendorWideRow()
    {
        var named = FirmwareAssessor.Assess(Open(), null, new FirmwareObservation("Vendor 5", "Model-5", "1.0.0", null), null);
        var wide = FirmwareAssessor.Assess(Open(), null, new FirmwareObservation("Vendor 4", "Model-4", "1.0.0", null), null);

        Assert.AreEqual(Severity.Medium, Single(named, FirmwareAssessor.ExploitedRangeUnknownCode).Severity);
        Assert.AreEqual(Severity.Info, Single(wide, FirmwareAssessor.ExploitedRangeUnknownCode).Severity);
    }

    [TestMethod]
    public void ReportedVersionOnly_IsKnownGoodByIdentity()
    {
        var (vendor, model, version) = SyntheticDatabase.IdentityOf(80, 20);

        var verdicts = FirmwareAssessor.Assess(Open(), null, new FirmwareObservation(vendor, model, version, null), null);

        StringAssert.Contains(Single(verdicts, FirmwareAssessor.KnownGoodCode).Message, "not hashed");
    }

    [TestMethod]
    public void ChangedSinceBaseline_IsHighUnlessTheNewFirmwareIsPublished()
    {
        var (vendor, model, version) = SyntheticDatabase.IdentityOf(80, 20);
        var baseline = new FirmwareObservation(vendor, model, "0.0.1", null);

        var toPublished = FirmwareAssessor.Assess(Open(), null, new FirmwareObservation(vendor, model, version, null), baseline);
        var toUnknown = FirmwareAssessor.Assess(Open(), null, new FirmwareObservation(vendor, model, "6.6.6", null), baseline);
        var sameVersionNewImage = FirmwareAssessor.Assess(Open(), null, new FirmwareObservation(vendor, model, version, new string('f', 64)),
            new FirmwareObservation(vendor, model, version, new string('a', 64)));
        var unchanged = FirmwareAssessor.Assess(Open(), null, new FirmwareObservation(vendor, model, version, null), new FirmwareObservation(vendor, model, version, null));

        Assert.AreEqual(Severity.Low, Single(toPublished, FirmwareAssessor.ChangedCode).Severity);
        Assert.AreEqual(Severity.High, Single(toUnknown, FirmwareAssessor.ChangedCode).Severity);
        StringAssert.Contains(Single(sameVersionNewImage, FirmwareAssessor.ChangedCode).Message, "different image hash");
        Assert.IsFalse(unchanged.Any(v => v.Code == FirmwareAssessor.ChangedCode));
    }

    [TestMethod]
    public void SameVersionWithAnotherBuildOrOtherFlashContents_IsHighEvenWhenTheVersionIsPublished()
    {
        var (vendor, model, version) = SyntheticDatabase.IdentityOf(80, 20);
        FirmwareObservation Seen(string build, string? kernel, string? rootfs = null, string? v = null) =>
            new(vendor, model, v ?? version, null, build, [kernel, rootfs]);
        var baseline = Seen("r100-aaaa", new string('a', 64), new string('c', 64));

        var otherBuild = Single(FirmwareAssessor.Assess(Open(), null, Seen("r100-bbbb", new string('a', 64)), baseline), FirmwareAssessor.ChangedCode);
        var otherKernel = Single(FirmwareAssessor.Assess(Open(), null, Seen("r100-aaaa", new string('b', 64), new string('c', 64)), baseline), FirmwareAssessor.ChangedCode);
        var otherRootfs = Single(FirmwareAssessor.Assess(Open(), null, Seen("r100-aaaa", new string('a', 64), new string('d', 64)), baseline), FirmwareAssessor.ChangedCode);
        var notMeasured = FirmwareAssessor.Assess(Open(), null, Seen("r100-aaaa", null), baseline);
        // An update to another published version brings another build and kernel: that is the update, not tampering.
        var update = Single(FirmwareAssessor.Assess(Open(), null, Seen("r200-cccc", new string('e', 64)), Seen("r100-aaaa", new string('a', 64), v: "0.0.1")), FirmwareAssessor.ChangedCode);

        Assert.AreEqual((Severity.High, FirmwareObservation.BuildKey), (otherBuild.Severity, otherBuild.Subject));
        StringAssert.Contains(otherBuild.Message, "build r100-aaaa became r100-bbbb");
        Assert.AreEqual((Severity.High, "firmware.kernel.sha256"), (otherKernel.Severity, otherKernel.Subject));
        Assert.AreEqual((Severity.High, "firmware.rootfs.sha256"), (otherRootfs.Severity, otherRootfs.Subject));
        Assert.IsFalse(notMeasured.Any(x => x.Code == FirmwareAssessor.ChangedCode), "a part not measured this time is no change");
        Assert.AreEqual(Severity.Low, update.Severity);
    }

    [TestMethod]
    public void Observation_ReadsBuildAndPartHashesFromFacts()
    {
        var facts = new FactSet();
        facts.Add("fw.version", "23.05.5", FactKind.Firmware);
        facts.Add("fw.build", "r24106-10cc5fcd00", FactKind.Firmware);
        facts.Add("firmware.rootfs.sha256", new string('d', 64), FactKind.Firmware);

        var seen = FirmwareObservation.FromFacts(facts);

        Assert.AreEqual("r24106-10cc5fcd00", seen.Build);
        Assert.IsNull(seen.Part(0));
        Assert.AreEqual(new string('d', 64), seen.Part(1));
    }

    [TestMethod]
    public void NoDatabaseOrNoVersion_IsUnverifiedNeverOk()
    {
        var missingDb = FirmwareAssessor.Assess(null, "the firmware database failed its integrity check", new FirmwareObservation("V", "M", "1", null), null);
        var missingVersion = FirmwareAssessor.Assess(Open(), null, new FirmwareObservation("V", "M", null, null), null);
        var badHash = FirmwareAssessor.Assess(Open(), null, new FirmwareObservation("V", "M", "1", "xyz"), null);

        Assert.IsTrue(missingDb.Single().IsUnverified);
        StringAssert.Contains(missingDb.Single().Message, "integrity check");
        Assert.IsTrue(missingVersion.Single().IsUnverified);
        Assert.IsTrue(badHash.Any(v => v.IsUnverified));
    }

    [TestMethod]
    public void Observation_ComesFromFirmwareFacts()
    {
        var facts = new FactSet();
        facts.Add("fw.vendor", "OpenWrt", FactKind.Identity);
        facts.Add("fw.model", "tplink,archer-c7-v2", FactKind.Identity);
        facts.Add("fw.version", "23.05.3", FactKind.Firmware);

        var observation = FirmwareObservation.FromFacts(facts);

        Assert.AreEqual("OpenWrt", observation.Vendor);
        Assert.AreEqual("tplink,archer-c7-v2", observation.Model);
        Assert.AreEqual("23.05.3", observation.Version);
        Assert.IsNull(observation.Sha256Hex);
    }
}
