using FlaxGuard.Hashes.Importers;
using FlaxGuard.Hashes.Sources;

namespace FlaxGuard.Hashes.Tests.Importers;

/// <summary>
/// <c>hashes import routeros-releases</c> on the update-server lines staged in data/routeros/upstream (copies of MikroTik's
/// NEWEST* files as public repositories recorded them; provenance in data/routeros/README.md), and the way to the signed
/// data: merge into a copy of hashes/, sign with a test key, compile, and look a router up as the appliance does.
/// </summary>
[TestClass]
public sealed class RouterOsReleasesTests
{
    private static string Staged => Path.Combine(TestPaths.RepositoryRoot(), "data", "routeros");

    [TestMethod]
    public void Parse_GivesARowPerVersionAndOnePerBuildTime_ForEveryModel()
    {
        var result = RouterOsReleases.Parse("# NEWESTa7.stable\n7.22.1 1774276515\n\n7.25beta5 1789557101\r\n7.22.1 1774276515\n", "https://upgrade.mikrotik.com/routeros/NEWESTa7.stable");
        CollectionAssert.AreEqual(
            new[] { "7.22.1", "7.22.1 built 2026-03-23 14:35:15", "7.25beta5", "7.25beta5 built 2026-09-16 11:11:41" },
            result.Rows.Select(r => r.Version).ToArray());
        Assert.IsTrue(result.Rows.All(r => r.Vendor == "MikroTik" && r.Model == "*" && !r.HasHash && r.Source == "https://upgrade.mikrotik.com/routeros/NEWESTa7.stable"));
        Assert.HasCount(2, result.Releases, "a repeated line adds nothing");
    }

    [TestMethod]
    public void Parse_TakesASourcePerLine_AndRefusesALineWithoutOne()
    {
        var result = RouterOsReleases.Parse("7.24.5 1790691687 https://github.com/elseif/RouterOS/releases/tag/7.24.5-arm64\n7.24.4 1789558341\n",
            "https://upgrade.mikrotik.com/routeros/NEWESTa7.stable");
        CollectionAssert.AreEqual(new[] { "https://github.com/elseif/RouterOS/releases/tag/7.24.5-arm64", "https://upgrade.mikrotik.com/routeros/NEWESTa7.stable" },
            result.Releases.Select(r => r.Source).ToArray());
        Assert.ThrowsExactly<HashDataException>(() => RouterOsReleases.Parse("7.24.4 1789558341\n", null));
        Assert.HasCount(2, RouterOsReleases.Parse("7.24.5 1790691687 https://example.invalid/a\n", null).Rows);
    }

    [TestMethod]
    public void Parse_RefusesWhatIsNotAnUpdateFile()
    {
        foreach (var bad in new[]
                 {
                     "", "# only a comment\n", "7.22.1\n", "7.22.1 1774276515 extra\n", "routeros 1774276515\n", "5.26 1774276515\n",
                     "7.22.1 1174276515\n", "7.22.1 4174276515\n", "7.22.1 1774276515\n7.22.1 1774276516\n", "<html>404</html>\n",
                 })
        {
            Assert.ThrowsExactly<HashDataException>(() => RouterOsReleases.Parse(bad, "https://upgrade.mikrotik.com/routeros/NEWESTa7.stable"), bad);
        }
    }

    [TestMethod]
    public void StagedRows_AreWhatTheImporterMakesOfTheUpstreamFiles()
    {
        var staged = SourceSet.Load(Staged);
        Assert.IsEmpty(staged.KnownExploited);
        var expected = new List<KnownGoodRow>();
        foreach (var file in Directory.GetFiles(Path.Combine(Staged, "upstream")))
            expected.AddRange(RouterOsReleases.Parse(File.ReadAllText(file), "https://upgrade.mikrotik.com/routeros/" + Path.GetFileName(file)).Rows);
        CollectionAssert.AreEquivalent(expected, staged.KnownGood.ToList());
        Assert.HasCount(40, staged.KnownGood, "20 release lines, each with its build time");

        // Where two sources name one version (6.49.22: the update file and a release page), they agree on its build time.
        var builds = staged.KnownGood.Where(r => r.Version.Contains(RouterOsReleases.BuiltMarker)).Select(r => r.Version).Distinct().ToList();
        var versions = staged.KnownGood.Where(r => !r.Version.Contains(RouterOsReleases.BuiltMarker)).Select(r => r.Version).Distinct().ToList();
        Assert.HasCount(19, versions);
        Assert.HasCount(versions.Count, builds, "one build time per version");
        Assert.AreEqual(2, staged.KnownGood.Count(r => r.Version == "6.49.22 built 2026-09-16 13:05:51"));
    }

    [TestMethod]
    public void MergeSignCompileLookup_RouterReportingThePublishedBuildIsKnownGood_AnotherBuildIsCritical()
    {
        using var dir = new TestPaths.TempDir();
        var data = FlaxguardTool.CopyOfRepositoryData(dir);
        // hashes/ already carries the merged rows; start from the data as it was before, so the merge is what is tested.
        File.Delete(Path.Combine(data, SourceSet.KnownGoodFolder, "mikrotik.tsv"));
        var before = SourceSet.Load(data).KnownGood.Count;

        var merge = Flaxguard("hashes", "merge", Staged, "--dir", data);
        Assert.AreEqual(0, merge.ExitCode, merge.All);
        StringAssert.Contains(merge.Stdout, "Added 40 known-good and 0 known-exploited row(s)");
        Assert.HasCount(before + 40, SourceSet.Load(data).KnownGood);
        StringAssert.StartsWith(File.ReadAllText(Path.Combine(data, SourceSet.KnownGoodFolder, "mikrotik.tsv")), "# RouterOS releases");
        Assert.AreEqual(0, Flaxguard("hashes", "merge", Staged, "--dir", data).ExitCode);
        Assert.HasCount(before + 40, SourceSet.Load(data).KnownGood, "merging again adds nothing");

        var key = dir.File("test.key");
        Assert.AreEqual(0, Flaxguard("hashes", "keygen", "--out", key).ExitCode);
        Assert.AreEqual(0, Flaxguard("hashes", "sign", "--key", key, "--dir", data).ExitCode);
        var verify = Flaxguard("hashes", "verify", "--dir", data, "--public-key", key + ".pub");
        Assert.AreEqual(0, verify.ExitCode, verify.All);

        var applianceKey = dir.File("appliance.key");
        File.WriteAllText(applianceKey, Convert.ToHexString(new byte[32].Select((_, i) => (byte)(i * 5 + 1)).ToArray()));
        var db = dir.File("firmware.db");
        var compile = Flaxguard("hashes", "compile", "--dir", data, "--public-key", key + ".pub", "--appliance-key", applianceKey, "--out", db);
        Assert.AreEqual(0, compile.ExitCode, compile.All);

        string[] Router(string version, string build) =>
            ["hashes", "lookup", "--db", db, "--appliance-key", applianceKey, "--vendor", "MikroTik", "--model", "RB5009UG+S+", "--version", version, "--build", build];
        var published = Flaxguard(Router("7.22.1", "2026-03-23 14:35:15"));
        Assert.AreEqual(0, published.ExitCode, published.All);
        StringAssert.Contains(published.Stdout, "firmware.known-good");
        var rebuilt = Flaxguard(Router("7.22.1", "2026-03-23 14:41:02"));
        Assert.AreEqual(2, rebuilt.ExitCode, rebuilt.All);
        StringAssert.Contains(rebuilt.Stdout, "firmware.unofficial-build");
        var fromPage = Flaxguard(Router("7.24.5", "sep/29/2026 17:21:27"));
        Assert.AreEqual(0, fromPage.ExitCode, fromPage.All + " (a router in UTC+3 showing the older date format)");
        var unknown = Flaxguard(Router("7.21.3", "2026-01-10 10:00:00"));
        Assert.AreEqual(3, unknown.ExitCode, unknown.All);
        StringAssert.Contains(unknown.Stdout, "firmware.unknown");
    }

    private static FlaxguardTool.Result Flaxguard(params string[] args) => FlaxguardTool.Run(args);
}
