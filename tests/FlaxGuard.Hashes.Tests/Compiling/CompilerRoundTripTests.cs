using FlaxGuard.Engine.HashDb;
using FlaxGuard.Hashes.Compiling;
using FlaxGuard.Hashes.Signing;
using FlaxGuard.Hashes.Sources;
using FlaxGuard.Hashes.Tests.Signing;

namespace FlaxGuard.Hashes.Tests.Compiling;

[TestClass]
public sealed class CompilerRoundTripTests
{
    [TestMethod]
    [DataRow(10)]
    [DataRow(3_000)]
    [DataRow(300_000)]
    public void EveryArtifactAndIdentity_IsFoundAgain(int count)
    {
        // Four images per release, like an OpenWrt profile with factory and sysupgrade images, signed and unsigned.
        var artifacts = Enumerable.Range(0, count).Select(i => ("Vendor" + (i % 7), "Model " + (i / 4 % 997), "1." + (i / 4 / 997), CompiledDatabase.Hash(i))).ToList();
        using var db = new CompiledDatabase(artifacts, []);
        var reader = db.Open();

        Assert.AreEqual(count, reader.ArtifactCount);
        Assert.AreEqual(42, reader.DatabaseVersion);
        Assert.AreEqual("0123456789abcdef", reader.SignerKeyId);
        var step = Math.Max(1, count / 500);
        for (int i = 0; i < count; i += step)
        {
            var (vendor, model, version, hash) = artifacts[i];
            var found = reader.FindByArtifact(hash);
            Assert.HasCount(1, found, $"artifact {i}");
            Assert.AreEqual(vendor, found[0].Vendor);
            Assert.AreEqual(model, found[0].Model);
            Assert.AreEqual(version, found[0].Version);
            var identity = reader.FindIdentity(vendor.ToUpperInvariant(), "  " + model.Replace(" ", "   ") + " ", version);
            Assert.IsNotNull(identity, $"identity of artifact {i}, found by a differently spelled query");
            Assert.AreEqual(model, identity.Model);
        }
        for (int i = 0; i < 200; i++)
        {
            Assert.HasCount(0, reader.FindByArtifact(CompiledDatabase.Hash(count + i)));
        }
        Assert.IsNull(reader.FindIdentity("Vendor1", "Model 1", "9.9.9"));
        Assert.IsNull(reader.FindIdentity("", "Model 1", "1.0"));
    }

    [TestMethod]
    public void OneImageForSeveralBoards_ListsEveryBoard_AndDuplicatesCollapse()
    {
        var shared = CompiledDatabase.Hash(7);
        var artifacts = new List<(string, string, string, byte[])>
        {
            ("OpenWrt", "tplink,archer-c7-v2", "23.05.3", shared),
            ("OpenWrt", "tplink,archer-c7-v3", "23.05.3", shared),
            ("OpenWrt", "tplink,archer-c7-v3", "23.05.3", shared),
            ("OpenWrt", "tplink,archer-c7-v3", "23.05.3", CompiledDatabase.Hash(8)),
        };
        using var db = new CompiledDatabase(artifacts, []);
        var reader = db.Open();

        Assert.AreEqual(3, db.Summary.Artifacts);
        Assert.AreEqual(2, db.Summary.Identities);
        CollectionAssert.AreEquivalent(new[] { "tplink,archer-c7-v2", "tplink,archer-c7-v3" }, reader.FindByArtifact(shared).Select(i => i.Model).ToArray());
    }

    [TestMethod]
    public void AnImageClaimedByTooManyBoards_IsRefused()
    {
        var shared = CompiledDatabase.Hash(1);
        var artifacts = Enumerable.Range(0, HashDbFormat.MaxIdentitiesPerArtifact + 1).Select(i => ("V", "M" + i, "1", shared));

        var e = Assert.ThrowsExactly<HashDataException>(() => new CompiledDatabase(artifacts, []));

        StringAssert.Contains(e.Message, Convert.ToHexStringLower(shared));
    }

    [TestMethod]
    public void ExploitRows_MatchByVendorPatternAndVersion()
    {
        var exploits = new[]
        {
            CompiledDatabase.Exploit("TP-Link", "*Archer AX21*", "<1.1.4 Build 20230219", "1.1.4 Build 20230219", "CVE-2023-1389", "lead"),
            CompiledDatabase.Exploit("TP-Link", "*", "unknown", "unknown", "CVE-2023-33538"),
            CompiledDatabase.Exploit("MikroTik", "*", ">=6.29rc1,<6.40.8 | >=6.41rc1,<6.42.1", "6.42.1", "CVE-2018-14847"),
            CompiledDatabase.Exploit("Zyxel", "NAS326*", "<=V5.21(AAZF.13)C0", "V5.21(AAZF.14)C0", "CVE-2023-27992"),
            CompiledDatabase.Exploit("Zyxel", "NAS540*", "<=V5.21(AATB.10)C0", "V5.21(AATB.11)C0", "CVE-2023-27992"),
        };
        using var db = new CompiledDatabase([("OpenWrt", "x", "1", CompiledDatabase.Hash(1))], exploits);
        var reader = db.Open();

        var archer = reader.FindExploits("tp-link", "Archer AX21 (US)", "1.1.3 Build 20221125");
        Assert.HasCount(2, archer);
        var affected = archer.Single(m => m.Status == VersionRange.Affected);
        Assert.AreEqual("CVE-2023-1389", affected.Cves);
        Assert.AreEqual("1.1.4 Build 20230219", affected.FixedVersion);
        Assert.IsTrue(affected.Botnet2024);
        Assert.AreEqual(VersionRange.Undetermined, archer.Single(m => m.Cves == "CVE-2023-33538").Status);

        Assert.HasCount(1, reader.FindExploits("TP-Link", "Archer AX21", "1.1.4 Build 20230219"), "the fixed build is not affected; only the unknown-range row remains");
        Assert.HasCount(1, reader.FindExploits("MikroTik", "RB4011", "6.42"));
        Assert.HasCount(0, reader.FindExploits("MikroTik", "RB4011", "6.42.1"));
        Assert.HasCount(0, reader.FindExploits("MikroTik", "RB4011", "6.40.8"));
        Assert.HasCount(1, reader.FindExploits("Zyxel", "NAS326", "V5.21(AAZF.13)C0"));
        Assert.HasCount(0, reader.FindExploits("Zyxel", "NAS326", "V5.21(AAZF.14)C0"));
        Assert.HasCount(0, reader.FindExploits("Zyxel", "NAS542", "V5.21(ABAG.1)C0"), "no row for that model");
        Assert.HasCount(0, reader.FindExploits("Netgear", "R7000", "1.0"));
    }

    [TestMethod]
    public void RepositoryData_CompilesAndFindsItsOwnRows()
    {
        var hashes = Path.Combine(TestPaths.RepositoryRoot(), "hashes");
        Manifest.Verify(hashes, ReleaseKey.PublicKey);
        var sources = SourceSet.Load(hashes);
        using var db = new CompiledDatabase(sources.KnownGood.Select(r => (r.Vendor, r.Model, r.Version, Convert.FromHexString(r.Sha256))), sources.KnownExploited);
        var reader = db.Open();

        Assert.AreEqual(sources.KnownExploited.Count, reader.ExploitCount);
        var matches = reader.FindExploits("TP-Link", "Archer AX21", "1.1.3 Build 20221125");
        Assert.IsTrue(matches.Any(m => m.Cves == "CVE-2023-1389" && m.Status == VersionRange.Affected));
    }

    [TestMethod]
    public void SampleSources_CompileThroughTheSourceSet()
    {
        using var dir = new TestPaths.TempDir();
        SampleData.Write(dir.Path);
        var sources = SourceSet.Load(dir.Path);
        using var stream = new MemoryStream();

        var summary = DatabaseCompiler.Compile(sources, new CompileOptions(1, new byte[8], CompiledDatabase.ApplianceKey, 0), stream);

        Assert.AreEqual(3, summary.Artifacts);
        Assert.AreEqual(3, summary.Identities);
        Assert.AreEqual(1, summary.Exploits);
        Assert.AreEqual(stream.Length, summary.TotalBytes);
    }
}
