using FlaxGuard.Engine.HashDb;
using FlaxGuard.Engine.Verdicts;
using FlaxGuard.Hashes.Compiling;
using FlaxGuard.Hashes.Importers;
using FlaxGuard.Hashes.Sources;
using FlaxGuard.Platform;

namespace FlaxGuard.Hashes.Tests.Importers;

/// <summary>
/// The staged Hikvision data in data/hikvision (releases known by model, version and build date, without hashes; the
/// known-exploited rows with the advisories' fixed builds), compiled with a test key the way hashes/ is once merged, and
/// assessed by the engine for cameras that report a fixed build, a vulnerable build and a build nobody published.
/// </summary>
[TestClass]
public sealed class HikvisionDataTests
{
    public TestContext TestContext { get; set; } = null!;

    private static readonly byte[] Key = Convert.FromHexString("000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f");

    private static string Staged => Path.Combine(TestPaths.RepositoryRoot(), "data", "hikvision");

    [TestMethod]
    public void StagedRows_AreValid_AndEachCitesItsSource()
    {
        var rows = SourceSet.Load(Staged);
        TestContext.WriteLine($"{rows.KnownGood.Count} releases, {rows.KnownExploited.Count} known-exploited rows");
        Assert.IsGreaterThanOrEqualTo(400, rows.KnownGood.Count);
        Assert.IsTrue(rows.KnownGood.All(r => r.Vendor == "Hikvision" && !r.HasHash && r.Source.StartsWith("https://github.com/JoeyGE0/hikvision-fw-archive/blob/", StringComparison.Ordinal)));
        Assert.IsTrue(rows.KnownGood.All(r => System.Text.RegularExpressions.Regex.IsMatch(r.Version, @"^V\d+\.\d+\.\d+ build \d{6}$")), "version and build date, as the camera reports them");
        Assert.IsTrue(rows.KnownExploited.Any(r => r.Cve == "CVE-2021-36260" && r.Fixed == "V5.5.800 build 210628" && r.KevDateAdded == "2022-01-10"));
        // Primary sources only: the researcher's report co-published with HSRC-202109-01 (at a commit), and CISA's ICSA-17-124-01.
        Assert.IsTrue(rows.KnownExploited.Where(r => r.Cve == "CVE-2021-36260").All(r => r.Source.StartsWith("https://github.com/watchfulip/watchfulip.github.io/blob/4a59d81940df8348e22defa974a64dc9873d6a2c/", StringComparison.Ordinal)));
        Assert.IsTrue(rows.KnownExploited.Where(r => r.Cve == "CVE-2017-7921").All(r => r.Source == "https://www.cisa.gov/news-events/ics-advisories/icsa-17-124-01" && r.Note.Contains("ICSA-17-124-01")));
        Assert.AreEqual(7, rows.KnownExploited.Count(r => r.Cve == "CVE-2017-7921"), "one row per series the advisory lists");
        Assert.IsFalse(rows.KnownExploited.Any(r => r.ModelPattern == "*"), "no staged row puts a CVE on every Hikvision device");
    }

    [TestMethod]
    public void MergeReplace_SwapsTheEarlierVersionedRowsOfTheRevisedCves_AndKeepsTheKevRows()
    {
        using var dir = new TestPaths.TempDir();
        var data = FlaxguardTool.CopyOfRepositoryData(dir);
        var before = SourceSet.Load(data).KnownExploited;
        var staged = SourceSet.Load(Staged).KnownExploited;
        var revised = new[] { "CVE-2021-36260", "CVE-2017-7921" };
        int earlier = before.Count(r => r.Vendor == "Hikvision" && revised.Contains(r.Cve) && r.Affected != "unknown");
        Assert.IsGreaterThan(0, earlier, "hashes/ holds earlier hand-written rows of these CVEs");

        var merge = FlaxguardTool.Run("hashes", "merge", Staged, "--dir", data, "--replace");
        Assert.AreEqual(0, merge.ExitCode, merge.All);
        var after = SourceSet.Load(data).KnownExploited;
        var hikvision = after.Where(r => r.Vendor == "Hikvision" && revised.Contains(r.Cve)).ToList();
        CollectionAssert.AreEquivalent(staged.ToList(), hikvision.Where(r => r.Affected != "unknown").ToList(), "only the staged versioned rows remain");
        Assert.IsTrue(hikvision.Any(r => r.ModelPattern == "*" && r.Affected == "unknown" && r.Cve == "CVE-2021-36260"), "the KEV row stays (info, never critical)");
        Assert.HasCount(before.Count - earlier + staged.Count, after);
        Assert.IsTrue(after.Except(hikvision).All(r => before.Contains(r)), "other vendors' rows are untouched");

        // Without --replace nothing is removed.
        using var dir2 = new TestPaths.TempDir();
        var data2 = FlaxguardTool.CopyOfRepositoryData(dir2);
        Assert.AreEqual(0, FlaxguardTool.Run("hashes", "merge", Staged, "--dir", data2).ExitCode);
        Assert.HasCount(before.Count + staged.Count(r => !before.Contains(r)), SourceSet.Load(data2).KnownExploited);
    }

    [TestMethod]
    public void ArchiveImport_KeepsOnlyEntriesWhoseFileRepeatsVersionAndDate()
    {
        const string json = """
            {
              "a": {"model": "DS-2CD2043G2-I", "version": "5.7.3", "date": "2021-10-15", "filename": "IPC_G5_EN_STD_V5.7.3_build211015.zip"},
              "b": {"model": "DS-2CD2043G2-I", "version": "5.7.10", "date": "2022-08-11", "filename": "Firmware__V5.7.10_220811_S3000452.zip"},
              "c": {"model": "DS-2CD2043G2-I", "version": "5.7.12", "date": "2021-05-13", "filename": "Firmware__V1.2.8_260509_S3000723501.zip"},
              "d": {"model": "AE-DC5013-F6", "version": "1.2.7", "date": "2021-04-09", "filename": "DashCam_V1.2.7_build210409.zip"},
              "e": {"model": "DS-2CD2043G2-I", "version": "5.7.3", "date": "2021-10-15", "filename": "IPC_G5_EN_STD_V5.7.3_build211015.zip"}
            }
            """;
        var result = HikvisionArchive.Parse(json, "https://example.invalid/firmwares_live.json");
        CollectionAssert.AreEqual(new[] { "V5.7.10 build 220811", "V5.7.3 build 211015" }, result.Rows.Select(r => r.Version).ToArray());
        Assert.AreEqual(1, result.Inconsistent, "the entry carrying another entry's file");
        Assert.ThrowsExactly<HashDataException>(() => HikvisionArchive.Parse("[1,", "https://example.invalid/x"));
    }

    [TestMethod]
    public void Compiled_CameraVerdicts_KnownExploitedWithFix_Known_Unknown()
    {
        var staged = SourceSet.Load(Staged);
        using var dir = new TestPaths.TempDir();
        var path = dir.File("firmware.db");
        using (var stream = File.Create(path))
        {
            var summary = DatabaseCompiler.Compile(staged, new CompileOptions(1, new byte[8], Key, 1_700_000_000), stream);
            Assert.AreEqual(0, summary.Artifacts, "Hikvision publishes no hashes");
            Assert.AreEqual(staged.KnownGood.Count, summary.Releases);
        }
        using var file = FileBlobReader.SingleFile(path, "hashdb");
        var db = HashDbReader.Open(file, "hashdb", Key, HashDbReader.DefaultBufferBytes, out var problem) ?? throw new AssertFailedException(problem);

        // A camera on a build from before the fix (as the Hikvision twin reports: version and build date apart).
        var old = FirmwareAssessor.Assess(db, null, new FirmwareObservation("Hikvision", "DS-2CD2142FWD-I", "V5.5.82", null, "build 190220", null), null);
        var exploited = old.Single(v => v.Code == FirmwareAssessor.ExploitedCode);
        Assert.AreEqual(Severity.Critical, exploited.Severity);
        StringAssert.Contains(exploited.Message, "CVE-2021-36260");
        StringAssert.Contains(exploited.Message, "Update to V5.5.800 build 210628 or later");
        Assert.AreEqual(FirmwareAssessor.UnknownCode, old.Single(v => v.Severity == Severity.Low).Code);

        // A published release from the list, by model, version and build date: known, and not exploited.
        var published = staged.KnownGood.First(r => r.Model.StartsWith("DS-2CD", StringComparison.Ordinal) && !r.Model.Contains('/'));
        var parts = published.Version.Split(" build ");
        var known = FirmwareAssessor.Assess(db, null, new FirmwareObservation("hikvision", published.Model, parts[0], null, "build " + parts[1], null), null);
        TestContext.WriteLine(string.Join("\n", known.Select(v => v.ToString())));
        Assert.AreEqual(FirmwareAssessor.KnownGoodCode, known[0].Code);
        Assert.IsFalse(known.Any(v => v.Code == FirmwareAssessor.ExploitedCode));

        // ONVIF reports the build inside the version: the same release.
        var onvif = FirmwareAssessor.Assess(db, null, new FirmwareObservation("hikvision", published.Model, published.Version, null), null);
        Assert.AreEqual(FirmwareAssessor.KnownGoodCode, onvif[0].Code);

        // The same version with a build date nobody published: unknown (a rebuilt or modified firmware reports this too).
        var rebuilt = FirmwareAssessor.Assess(db, null, new FirmwareObservation("Hikvision", published.Model, parts[0], null, "build 991231", null), null);
        Assert.AreEqual(FirmwareAssessor.UnknownCode, rebuilt[0].Code);

        // The fixed build itself is not flagged; an old 5.4 build is flagged for both CVEs.
        var fixedBuild = FirmwareAssessor.Assess(db, null, new FirmwareObservation("Hikvision", "DS-2CD2142FWD-I", "V5.5.800", null, "build 210628", null), null);
        Assert.IsFalse(fixedBuild.Any(v => v.Code == FirmwareAssessor.ExploitedCode));
        var ancient = FirmwareAssessor.Assess(db, null, new FirmwareObservation("Hikvision", "DS-2CD2032F-I", "V5.4.0", null, "build 160530", null), null);
        CollectionAssert.AreEquivalent(new[] { "CVE-2021-36260", "CVE-2017-7921" },
            ancient.Where(v => v.Code == FirmwareAssessor.ExploitedCode).Select(v => v.Message.Contains("CVE-2017-7921") ? "CVE-2017-7921" : "CVE-2021-36260").ToArray());
        StringAssert.Contains(ancient.Single(v => v.Message.Contains("CVE-2017-7921")).Message, "Update to V5.4.5 build 170123 or later");
        // ICSA-17-124-01's fixed build is not flagged for that CVE; a series the advisory does not name is not flagged either.
        Assert.IsFalse(FirmwareAssessor.Assess(db, null, new FirmwareObservation("Hikvision", "DS-2CD2032F-I", "V5.4.5", null, "build 170123", null), null)
            .Any(v => v.Code == FirmwareAssessor.ExploitedCode && v.Message.Contains("CVE-2017-7921")));
        Assert.IsFalse(FirmwareAssessor.Assess(db, null, new FirmwareObservation("Hikvision", "DS-2CD2032-I", "V5.4.0", null, "build 160530", null), null)
            .Any(v => v.Message.Contains("CVE-2017-7921")));
        // A PTZ camera on the last vulnerable 5.6 build the researcher lists: critical, no fixed build to name.
        var ptz = FirmwareAssessor.Assess(db, null, new FirmwareObservation("Hikvision", "DS-2DE4425IW-DE", "V5.6.30", null, "build 210526", null), null);
        var ptzExploited = ptz.Single(v => v.Code == FirmwareAssessor.ExploitedCode);
        StringAssert.Contains(ptzExploited.Message, "CVE-2021-36260");
        StringAssert.Contains(ptzExploited.Message, "Check the vendor's advisory");
        Assert.IsFalse(FirmwareAssessor.Assess(db, null, new FirmwareObservation("Hikvision", "DS-2DE4425IW-DE", "V5.8.13", null, "build 260402", null), null)
            .Any(v => v.Code == FirmwareAssessor.ExploitedCode));
        // An NVR (DS-7xxx, firmware 4.x) is not a camera of these rows.
        var nvr = FirmwareAssessor.Assess(db, null, new FirmwareObservation("Hikvision", "DS-7608NI-K2", "V4.30.005", null, "build 200101", null), null);
        Assert.IsFalse(nvr.Any(v => v.Code == FirmwareAssessor.ExploitedCode));
    }
}
