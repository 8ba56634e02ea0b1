using FlaxGuard.Hashes.Importers;
using FlaxGuard.Hashes.Sources;

namespace FlaxGuard.Hashes.Tests.Importers;

/// <summary>
/// <c>import-openwrt</c>'s reader: OpenWrt's profiles.json and the Nix transliteration of a whole release kept in
/// astro/nix-openwrt-imagebuilder. TEST DATA: TestData/openwrt/23.05.5-excerpt.nix is two targets of that mirror's
/// cached-profiles/23.05.5.nix @ 4f6fbb41b cut to one profile each; the profiles.json beside it is the ramips/mt7621
/// part of the same excerpt written as JSON.
/// </summary>
[TestClass]
public sealed class OpenWrtReleaseImportTests
{
    private static readonly string Excerpt = TestPaths.TestData("openwrt", "23.05.5-excerpt.nix");
    private static readonly string ProfilesJson = TestPaths.TestData("openwrt", "releases", "23.05.5", "targets", "ramips", "mt7621", "profiles.json");

    [TestMethod]
    public void NixRelease_GivesEveryTargetWithItsPublishedSourceAndVersionCode()
    {
        var files = OpenWrtReleaseImport.Read(Excerpt);

        Assert.HasCount(2, files);
        var ath79 = files.Single(f => f.Target == "ath79/generic");
        Assert.AreEqual("23.05.5", ath79.Version);
        Assert.AreEqual("r24106-10cc5fcd00", ath79.VersionCode);
        Assert.AreEqual(5, ath79.Images);
        Assert.AreEqual("https://downloads.openwrt.org/releases/23.05.5/targets/ath79/generic/profiles.json", ath79.Source);
        Assert.IsTrue(ath79.Rows.All(r => r.Source == ath79.Source && r.Vendor == "OpenWrt" && r.Version == "23.05.5"));
        // 5 images, one with a separate unsigned hash = 6 hashes, for each of the 2 board names.
        Assert.HasCount(12, ath79.Rows);
        CollectionAssert.AreEquivalent(new[] { "archer-c7", "tplink,archer-c7-v2" }, ath79.Rows.Select(r => r.Model).Distinct().ToArray());
        var sysupgrade = ath79.Rows.Where(r => r.Model == "tplink,archer-c7-v2" && r.Artifact.StartsWith("openwrt-23.05.5-ath79-generic-tplink_archer-c7-v2-squashfs-sysupgrade.bin", StringComparison.Ordinal)).ToList();
        Assert.AreEqual("4e22524a1a59090d8f316ad48b13a61ab46f748d9b6215ec0926f9747369fcd5", sysupgrade.Single(r => !r.Artifact.EndsWith("(unsigned)")).Sha256);
        Assert.AreEqual("cfa8e8a96b46b202851ecf9640f52d48f0b36b93f575a1b69cf7b0719b83b9b3", sysupgrade.Single(r => r.Artifact.EndsWith("(unsigned)")).Sha256);
        Assert.IsFalse(ath79.Rows.Any(r => r.Artifact.Contains("factory-us") && r.Artifact.EndsWith("(unsigned)")), "an unsigned hash equal to the signed one adds no row");
    }

    [TestMethod]
    public void ProfilesJson_AndItsNixTransliteration_GiveTheSameRows()
    {
        var fromJson = OpenWrtReleaseImport.Read(ProfilesJson).Single();
        var fromNix = OpenWrtReleaseImport.Read(Excerpt).Single(f => f.Target == "ramips/mt7621");

        CollectionAssert.AreEqual(fromNix.Rows.ToList(), fromJson.Rows.ToList());
        // The ER-X-SFP sysupgrade hash that an unrelated flashing script pins too (the study's cross-check).
        Assert.IsTrue(fromJson.Rows.Any(r => r.Model == "ubnt,edgerouter-x-sfp" && r.Sha256 == "daf6816666dbcbe0e5be19a9ff32db2111d84370fdfb1c0106578866cfb2e69a"));
        Assert.HasCount(9, fromJson.Rows, "3 hashes for 3 board names");
    }

    [TestMethod]
    public void Folders_AreSearchedForProfilesJsonAndNixFiles()
    {
        var found = OpenWrtReleaseImport.FindFiles([TestPaths.TestData("openwrt")]);

        CollectionAssert.AreEquivalent(new[] { Excerpt, ProfilesJson }.Select(Path.GetFullPath).ToArray(), found.Select(Path.GetFullPath).ToArray());
    }

    [TestMethod]
    public void Merge_IsIdempotent()
    {
        var rows = OpenWrtReleaseImport.Read(Excerpt).SelectMany(f => f.Rows).ToList();

        var (once, addedOnce) = OpenWrtReleaseImport.Merge([], rows);
        var (twice, addedTwice) = OpenWrtReleaseImport.Merge(once, rows);
        var (reversed, _) = OpenWrtReleaseImport.Merge([], Enumerable.Reverse(rows));

        Assert.AreEqual(21, addedOnce);
        Assert.AreEqual(0, addedTwice);
        CollectionAssert.AreEqual(once, twice);
        CollectionAssert.AreEqual(once, reversed, "the order does not depend on the input order");
    }

    [TestMethod]
    public void PublishedUrl_RefusesNamesThatWouldBendTheUrl()
    {
        Assert.AreEqual("https://downloads.openwrt.org/snapshots/targets/x86/64/profiles.json", OpenWrtReleaseImport.PublishedUrl("SNAPSHOT", "x86/64", "t"));
        Assert.ThrowsExactly<HashDataException>(() => OpenWrtReleaseImport.PublishedUrl("23.05.5/../../evil", "x86/64", "t"));
        Assert.ThrowsExactly<HashDataException>(() => OpenWrtReleaseImport.PublishedUrl("23.05.5", "x86/64?x=1", "t"));
    }

    [TestMethod]
    [DataRow("{ a = x: x; }")]
    [DataRow("{ a = \"${builtins.currentSystem}\"; }")]
    [DataRow("let a = 1; in { b = a; }")]
    [DataRow("{ a.b = 1; }")]
    [DataRow("{ a = 1; a = 2; }")]
    [DataRow("{ a = [ 1 2 ; }")]
    public void NixData_RefusesAnythingButData(string text)
    {
        Assert.ThrowsExactly<HashDataException>(() => NixData.Parse(text, "test.nix"));
    }

    [TestMethod]
    public void NixData_ReadsQuotedNamesListsNumbersAndComments()
    {
        var node = NixData.Parse("# c\n{ \"64\" = { a = [ \"x\" 2 true null ]; b = -3; }; /* block */ }", "t.nix")!;

        Assert.AreEqual("""{"64":{"a":["x",2,true,null],"b":-3}}""", node.ToJsonString());
    }

    [TestMethod]
    public void NixData_RefusesDeepNesting()
    {
        var deep = string.Concat(Enumerable.Repeat("[ ", NixData.MaxDepth + 5)) + string.Concat(Enumerable.Repeat("] ", NixData.MaxDepth + 5));
        Assert.ThrowsExactly<HashDataException>(() => NixData.Parse(deep, "deep.nix"));
    }
}
