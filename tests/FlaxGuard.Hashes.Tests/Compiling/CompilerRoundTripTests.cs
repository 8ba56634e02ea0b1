using FlaxGuard.Engine.HashDb;
using FlaxGuard.Hashes.Compiling;
using FlaxGuard.Hashes.Signing;
using FlaxGuard.Hashes.Sources;
using FlaxGuard.Hashes.Tests.Signing;
using FlaxGuard.Platform;

namespace FlaxGuard.Hashes.Tests.Compiling;

[TestClass]
public sealed class CompilerRoundTripTests
{
    [TestMethod]
    [DataRow(10, 4)]
    [DataRow(3_000, 4)]
    [DataRow(300_000, 4)]
    [DataRow(10, 1)]
    [DataRow(3_000, 1)]
    [DataRow(300_000, 1)]
    public void EveryArtifactAndIdentity_IsFoundAgain(int count, int imagesPerRelease)
    {
        // Four images per release is an OpenWrt profile with factory and sysupgrade images, signed and unsigned;
        // one image per release is a vendor that publishes one file per version.
        var artifacts = Enumerable.Range(0, count).Select(i =>
        {
            int release = i / imagesPerRelease;
            int model = release % 997;
            return ("Vendor" + (model % 7), "Model " + model, "1." + (release / 997), CompiledDatabase.Hash(i));
        }).ToList();
        using var db = new CompiledDatabase(artifacts, []);
        var reader = db.Open();

        Assert.AreEqual(count, reader.ArtifactCount);
        int releases = (count + imagesPerRelease - 1) / imagesPerRelease;
        Assert.AreEqual(releases, reader.ReleaseCount);
        Assert.AreEqual(Math.Min(releases, 997), reader.ModelCount);
        Assert.AreEqual((releases + 996) / 997, reader.VersionCount);
        Assert.AreEqual(Math.Min(releases, 7), reader.VendorCount);
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
        Assert.IsNull(reader.FindIdentity("Vendor2", "Model 1", "1.0"), "model 1 belongs to Vendor1");
        Assert.IsNull(reader.FindIdentity("", "Model 1", "1.0"));
        Assert.IsNull(reader.FindIdentity("Vendor1", "Model 999999", "1.0"));
    }

    [TestMethod]
    public void AReleaseIsFoundOnlyForItsOwnModelAndVersion()
    {
        // Model A exists in 1.0 and 2.0, model B only in 2.0: (B, 1.0) names a known model and a known version but no release.
        var artifacts = new List<(string, string, string, byte[])>
        {
            ("Acme", "Router A", "1.0", CompiledDatabase.Hash(1)),
            ("Acme", "Router A", "2.0", CompiledDatabase.Hash(2)),
            ("Acme", "Router B", "2.0", CompiledDatabase.Hash(3)),
            ("Other", "Router B", "1.0", CompiledDatabase.Hash(4)),
        };
        using var db = new CompiledDatabase(artifacts, []);
        var reader = db.Open();

        Assert.AreEqual(4, db.Summary.Releases);
        Assert.AreEqual(3, db.Summary.Models);
        Assert.AreEqual(2, db.Summary.Versions);
        Assert.AreEqual(2, db.Summary.Vendors);
        Assert.IsNotNull(reader.FindIdentity("acme", "router a", "1.0"));
        Assert.IsNotNull(reader.FindIdentity("ACME", "Router B", "2.0"));
        Assert.IsNull(reader.FindIdentity("Acme", "Router B", "1.0"));
        Assert.IsNotNull(reader.FindIdentity("Other", "Router B", "1.0"));
        Assert.IsNull(reader.FindIdentity("Other", "Router B", "2.0"));
        var other = reader.FindByArtifact(CompiledDatabase.Hash(4));
        Assert.HasCount(1, other);
        Assert.AreEqual("Other Router B 1.0", other[0].ToString());
    }

    [TestMethod]
    public void ANameSpelledSeveralWays_IsStoredOnce_WithItsFirstSpelling()
    {
        var artifacts = new List<(string, string, string, byte[])>
        {
            ("TP-Link", "Archer AX21", "1.1.3 Build 20221125", CompiledDatabase.Hash(1)),
            ("tp-link ", "ARCHER  AX21", "1.1.3 build 20221125", CompiledDatabase.Hash(2)),
        };
        using var db = new CompiledDatabase(artifacts, []);
        var reader = db.Open();

        Assert.AreEqual(1, db.Summary.Releases);
        Assert.AreEqual(1, db.Summary.Vendors);
        Assert.AreEqual("TP-Link Archer AX21 1.1.3 Build 20221125", reader.FindByArtifact(CompiledDatabase.Hash(2)).Single().ToString());
    }

    [TestMethod]
    public void ARowWithAnEmptyName_IsRefused()
    {
        var e = Assert.ThrowsExactly<HashDataException>(() => new CompiledDatabase([("Acme", "  ", "1.0", CompiledDatabase.Hash(1))], []));

        StringAssert.Contains(e.Message, "empty vendor, model or version");
    }

    [TestMethod]
    public void AnEmptyKnownGoodList_CompilesAndFindsNothing()
    {
        using var db = new CompiledDatabase([], [CompiledDatabase.Exploit("Acme", "*", "unknown", "unknown", "CVE-2099-0003")]);
        var reader = db.Open();

        Assert.AreEqual(0, reader.ArtifactCount);
        Assert.AreEqual(0, reader.ReleaseCount);
        Assert.IsEmpty(reader.FindByArtifact(CompiledDatabase.Hash(1)));
        Assert.IsNull(reader.FindIdentity("Acme", "Router", "1.0"));
        Assert.HasCount(1, reader.FindExploits("Acme", "Router", "1.0"));
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
        Assert.AreEqual(2, db.Summary.Releases);
        CollectionAssert.AreEquivalent(new[] { "tplink,archer-c7-v2", "tplink,archer-c7-v3" }, reader.FindByArtifact(shared).Select(i => i.Model).ToArray());
    }

    [TestMethod]
    public void OneImageForFourBoards_IsFoundWithinTheReadBudget()
    {
        // An OpenWrt image often serves several boards of one vendor and version: vendor and version are read once.
        var shared = CompiledDatabase.Hash(-1);
        var artifacts = Enumerable.Range(0, 20_000).Select(i => ("OpenWrt", "board-" + (i % 5_000), "23.05." + (i / 5_000), CompiledDatabase.Hash(i)))
            .Concat(Enumerable.Range(0, 4).Select(b => ("OpenWrt", "shared-board-" + b, "23.05.3", shared)));
        using var db = new CompiledDatabase(artifacts, []);
        using var file = FileBlobReader.SingleFile(db.Path, CompiledDatabase.Name);
        var counting = new CountingBlobReader(file);
        var reader = HashDbReader.Open(counting, CompiledDatabase.Name, CompiledDatabase.ApplianceKey, HashDbReader.DefaultBufferBytes, out var problem)
            ?? throw new AssertFailedException(problem);
        counting.Reset();

        var found = reader.FindByArtifact(shared);

        CollectionAssert.AreEquivalent(Enumerable.Range(0, 4).Select(b => "OpenWrt shared-board-" + b + " 23.05.3").ToArray(), found.Select(f => f.ToString()).ToArray());
        Assert.IsLessThanOrEqualTo(22L, counting.Reads, "storage reads for an image of four boards");
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
        Manifest.Verify(hashes, ReleaseKeys.Trusted, DateTimeOffset.UtcNow);
        var sources = SourceSet.Load(hashes);
        using var db = new CompiledDatabase(sources.KnownGood.Select(r => (r.Vendor, r.Model, r.Version, r.HasHash ? Convert.FromHexString(r.Sha256) : [])), sources.KnownExploited);
        var reader = db.Open();

        Assert.AreEqual(sources.KnownExploited.Count, reader.ExploitCount);
        var matches = reader.FindExploits("TP-Link", "Archer AX21", "1.1.3 Build 20221125");
        Assert.IsTrue(matches.Any(m => m.Cves == "CVE-2023-1389" && m.Status == VersionRange.Affected));
        // The Hikvision releases (known by version and build date, no published hash) and their CVE-2021-36260 row.
        Assert.IsTrue(sources.KnownGood.Any(r => r.Vendor == "Hikvision" && !r.HasHash), "no Hikvision release rows in hashes/");
        Assert.IsTrue(sources.KnownExploited.Any(r => r.Cve.Contains("CVE-2021-36260", StringComparison.Ordinal)), "no CVE-2021-36260 row in hashes/");
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
        Assert.AreEqual(3, summary.Releases);
        Assert.AreEqual(1, summary.Exploits);
        Assert.AreEqual(stream.Length, summary.TotalBytes);
    }
}
