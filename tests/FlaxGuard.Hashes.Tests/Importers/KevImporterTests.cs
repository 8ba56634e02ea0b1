using FlaxGuard.Hashes.Importers;
using FlaxGuard.Hashes.Sources;

namespace FlaxGuard.Hashes.Tests.Importers;

[TestClass]
public sealed class KevImporterTests
{
    private static KevImporter.Result ImportSnapshot() =>
        KevImporter.Parse(File.ReadAllText(TestPaths.TestData("kev", "known_exploited_vulnerabilities.json")));

    [TestMethod]
    public void RealSnapshot_SelectsRouterCameraNvrAndNasEntries()
    {
        var result = ImportSnapshot();

        Assert.AreEqual("2025.08.25", result.CatalogVersion);
        Assert.AreEqual(1404, result.CatalogEntries);
        // Counted independently (a Python pass over the same file with the same word rules).
        Assert.AreEqual(68, result.Rows.Select(r => r.Cve).Distinct().Count());
        Assert.AreEqual(44, CvesIn(result, "router"));
        Assert.AreEqual(9, CvesIn(result, "camera"));
        Assert.AreEqual(5, CvesIn(result, "nvr"));
        Assert.AreEqual(11, CvesIn(result, "nas"));
        Assert.IsTrue(result.Rows.All(r => r.Affected == "unknown" && r.Fixed == "unknown"), "KEV states no versions");
        Assert.IsTrue(result.Rows.All(r => r.Source == KevImporter.CatalogUrl));
    }

    [TestMethod]
    public void RealSnapshot_KnownEntriesCarryKevFacts()
    {
        var rows = ImportSnapshot().Rows;

        var hikvision = rows.Single(r => r.Cve == "CVE-2021-36260");
        Assert.AreEqual("Hikvision", hikvision.Vendor);
        Assert.AreEqual("camera", hikvision.Category);
        Assert.AreEqual("2022-01-10", hikvision.KevDateAdded);
        Assert.AreEqual("lead", hikvision.Botnet2024);
        Assert.AreEqual("*", hikvision.ModelPattern);

        var dir859 = rows.Single(r => r.Cve == "CVE-2019-17621");
        Assert.AreEqual("*DIR-859*", dir859.ModelPattern);
        Assert.AreEqual("router", dir859.Category);

        Assert.IsFalse(rows.Any(r => r.Cve == "CVE-2023-1389"), "KEV calls the Archer AX21 neither router nor camera, NVR or NAS; it is a hand-written row");

        var viostor = rows.Single(r => r.Cve == "CVE-2023-47565");
        Assert.AreEqual("nvr", viostor.Category);
        StringAssert.Contains(viostor.Note, "https://www.qnap.com/en/security-advisory/qsa-23-48");

        Assert.IsFalse(rows.Any(r => r.Cve == "CVE-2023-28771"), "Zyxel 'Multiple Firewalls' names no router, camera, NVR or NAS word");
        Assert.IsFalse(rows.Any(r => r.Vendor == "Git"));
    }

    [TestMethod]
    public void Merge_KeepsHandWrittenRowsAndAddsOnlyNewCves()
    {
        var imported = ImportSnapshot().Rows;
        var curated = new KnownExploitedRow("D-Link", "DIR-859 Router", "router", "DIR-859*", "<1.06B01", "1.06B01",
            "CVE-2019-17621", "2023-06-29", "no", "https://example.invalid/advisory", "hand-written test row, versions made up");

        var (merged, added) = KevImporter.Merge([curated], imported);

        Assert.AreEqual(1, imported.Count(r => r.Cve == "CVE-2019-17621"));
        Assert.AreEqual(imported.Count - 1, added);
        var dir859 = merged.Where(r => r.Cve == "CVE-2019-17621").ToList();
        Assert.HasCount(1, dir859);
        Assert.AreSame(curated, dir859[0]);

        var (again, addedAgain) = KevImporter.Merge(merged, imported);
        Assert.AreEqual(0, addedAgain, "importing the same catalog twice adds nothing");
        Assert.HasCount(merged.Count, again);
    }

    [TestMethod]
    public void Categories_FollowProductAndVulnerabilityNames()
    {
        Assert.AreEqual("router", KevImporter.CategoryOf("RouterOS MikroTik Router OS Directory Traversal Vulnerability"));
        Assert.AreEqual("camera,nvr", KevImporter.CategoryOf("Cameras and Network Video Recorder (NVR)"));
        Assert.AreEqual("nas", KevImporter.CategoryOf("DNS-320 Storage Device"));
        Assert.IsNull(KevImporter.CategoryOf("Multiple Firewalls Zyxel Multiple Firewalls OS Command Injection Vulnerability"));
        CollectionAssert.AreEqual(new[] { "*AC7*", "*AC9*", "*AC10*" }, KevImporter.PatternsOf("AC7, AC9, and AC10 Routers").ToArray());
        CollectionAssert.AreEqual(new[] { "*" }, KevImporter.PatternsOf("Multiple Routers").ToArray());
    }

    private static int CvesIn(KevImporter.Result result, string category) =>
        result.Rows.Where(r => r.Category.Split(',').Contains(category)).Select(r => r.Cve).Distinct().Count();
}
