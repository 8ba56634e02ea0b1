using FlaxGuard.Engine.HashDb;
using FlaxGuard.Hashes.Compiling;
using FlaxGuard.Hashes.Sources;
using FlaxGuard.Platform;

namespace FlaxGuard.Hashes.Tests.Importers;

/// <summary>
/// The OpenWrt rows committed in hashes/known-good/openwrt.tsv (imported with import-openwrt from the release data the
/// study names): a full 23.05.5, each row citing its target's profiles.json, the independent cross-check value present,
/// and compiled to the appliance's database its size and lookup cost.
/// </summary>
[TestClass]
public sealed class CommittedOpenWrtDataTests
{
    public TestContext TestContext { get; set; } = null!;

    private static string Table => Path.Combine(TestPaths.RepositoryRoot(), "hashes", SourceSet.KnownGoodFolder, "openwrt.tsv");

    private static List<KnownGoodRow> Rows() =>
        TsvTable.Read(Table, KnownGoodRow.Columns).Select(r => KnownGoodRow.Parse($"openwrt.tsv:{r.Line}", r.Fields)).ToList();

    [TestMethod]
    public void Release23055_IsCompleteAndEveryRowCitesItsProfilesJson()
    {
        var rows = Rows().Where(r => r.Version == "23.05.5").ToList();

        TestContext.WriteLine($"23.05.5: {rows.Count:N0} rows, {rows.Select(r => r.Sha256).Distinct().Count():N0} distinct hashes, {rows.Select(r => r.Model).Distinct().Count():N0} board names, {rows.Select(r => r.Source).Distinct().Count()} targets");
        Assert.IsGreaterThanOrEqualTo(7000, rows.Count);
        Assert.AreEqual(75, rows.Select(r => r.Source).Distinct().Count(), "one profiles.json per target");
        foreach (var row in rows)
        {
            StringAssert.StartsWith(row.Source, "https://downloads.openwrt.org/releases/23.05.5/targets/");
            StringAssert.EndsWith(row.Source, "/profiles.json");
        }
        Assert.IsTrue(rows.Any(r => r.Model == "ubnt,edgerouter-x-sfp" && r.Sha256 == "daf6816666dbcbe0e5be19a9ff32db2111d84370fdfb1c0106578866cfb2e69a"), "cross-check value");
        Assert.IsTrue(rows.Any(r => r.Model == "tplink,archer-c7-v2" && r.Sha256 == "4e22524a1a59090d8f316ad48b13a61ab46f748d9b6215ec0926f9747369fcd5"));
        StringAssert.Contains(File.ReadAllText(Table), "# OpenWrt 23.05.5 version_code r24106-10cc5fcd00 via github.com/astro/nix-openwrt-imagebuilder@4f6fbb41b");
    }

    [TestMethod]
    public void Compiled_IsSmallAndLookupsTakeFewReads()
    {
        var sources = SourceSet.Load(Path.Combine(TestPaths.RepositoryRoot(), "hashes"));
        var key = Convert.FromHexString("000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f");
        using var dir = new TestPaths.TempDir();
        var path = dir.File("firmware.db");
        CompileSummary summary;
        using (var stream = File.Create(path))
        {
            summary = DatabaseCompiler.Compile(sources, new CompileOptions(1, new byte[8], key, 1_700_000_000), stream);
        }
        using var file = FileBlobReader.SingleFile(path, "hashdb");
        var counting = new CountingBlobReader(file);
        var reader = HashDbReader.Open(counting, "hashdb", key, HashDbReader.DefaultBufferBytes, out var problem) ?? throw new AssertFailedException(problem);

        var hashes = sources.KnownGood.Select(r => r.Sha256).Distinct(StringComparer.Ordinal).OrderBy(h => h, StringComparer.Ordinal).ToList();
        long maxReads = 0, totalReads = 0;
        foreach (var hash in hashes.Where((_, i) => i % 17 == 0))
        {
            counting.Reset();
            Assert.IsNotEmpty(reader.FindByArtifact(Convert.FromHexString(hash)), hash);
            maxReads = Math.Max(maxReads, counting.Reads);
            totalReads += counting.Reads;
        }
        var sampled = hashes.Count / 17 + 1;
        counting.Reset();
        var identity = reader.FindIdentity("openwrt", "linksys,e8450-ubi", "23.05.5");
        var identityReads = counting.Reads;
        counting.Reset();
        Assert.IsEmpty(reader.FindByArtifact(new byte[32]));
        var unknownReads = counting.Reads;

        TestContext.WriteLine($"compiled: {summary.TotalBytes:N0} bytes for {summary.Artifacts:N0} artifacts ({(double)summary.TotalBytes / summary.Artifacts:0.0} B each), " +
                              $"{summary.Releases:N0} releases, {summary.Models:N0} models, {summary.Exploits} exploit rows");
        TestContext.WriteLine($"reads per known image hash: mean {(double)totalReads / sampled:0.0}, max {maxReads} ({sampled} sampled); identity {identityReads}; unknown hash {unknownReads}");
        Assert.IsNotNull(identity);
        Assert.IsLessThan(300_000L, summary.TotalBytes);
        Assert.IsLessThanOrEqualTo(24L, maxReads);
        Assert.IsLessThanOrEqualTo(12L, identityReads);
    }
}
