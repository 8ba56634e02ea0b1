using FlaxGuard.Engine.HashDb;
using FlaxGuard.Engine.Verdicts;
using FlaxGuard.Hashes.Compiling;
using FlaxGuard.Hashes.Importers;

namespace FlaxGuard.Engine.Tests.HashDb;

/// <summary>
/// A RouterOS router's version and build time against releases imported from MikroTik's update files (vendor-wide rows
/// without hashes). TEST DATA: two lines as the update server publishes them; 7.22.1's time is the one a real router
/// reported as build-time 2026-03-23 14:35:15 (data/routeros/README.md).
/// </summary>
[TestClass]
public sealed class RouterOsBuildTimeTests
{
    private static readonly byte[] Db = Build();

    private static byte[] Build()
    {
        var releases = RouterOsReleases.Parse("7.22.1 1774276515\n7.24.4 1789558341\n", "https://upgrade.mikrotik.com/routeros/NEWESTa7.stable");
        var rows = releases.Rows.Select(r => (r.Vendor, r.Model, r.Version, Array.Empty<byte>()))
            .Append(("OpenWrt", "tplink,archer-c7-v2", "23.05.5", SyntheticDatabase.HashOf(1)));
        using var stream = new MemoryStream();
        DatabaseCompiler.Compile(rows, [], new CompileOptions(3, new byte[8], SyntheticDatabase.ApplianceKey, 1_700_000_000), stream);
        return stream.ToArray();
    }

    private static Verdict[] Assess(string version, string? build, string model = "RB5009UG+S+") =>
        FirmwareAssessor.Assess(
            HashDbReader.Open(new MemoryBlobReader(SyntheticDatabase.Name, Db), SyntheticDatabase.Name, SyntheticDatabase.ApplianceKey, 512, out var problem)
                ?? throw new AssertFailedException(problem),
            null, new FirmwareObservation("mikrotik", model, version, null, build, null), null);

    [TestMethod]
    public void PublishedVersionAndBuildTime_IsKnownGood_InBothRouterOsDateFormats()
    {
        foreach (var build in new[] { "2026-03-23 14:35:15", "mar/23/2026 14:35:15", "Mar/23/2026 14:35:15" })
        {
            var verdict = Assess("7.22.1", build).Single();
            Assert.AreEqual(FirmwareAssessor.KnownGoodCode, verdict.Code, build);
            Assert.AreEqual(Severity.None, verdict.Severity);
            Assert.AreEqual(FirmwareObservation.BuildKey, verdict.Subject);
            StringAssert.Contains(verdict.Message, "built 2026-03-23 14:35:15 UTC");
        }
    }

    [TestMethod]
    public void SameVersionWithAnotherBuildTime_IsCriticalUnofficialBuild()
    {
        foreach (var build in new[] { "2026-03-23 14:35:52", "2026-03-24 14:35:15", "2026-03-23 14:36:15" })
        {
            var verdict = Assess("7.22.1", build).Single();
            Assert.AreEqual(FirmwareAssessor.UnofficialBuildCode, verdict.Code, build);
            Assert.AreEqual(Severity.Critical, verdict.Severity);
            StringAssert.Contains(verdict.Message, build);
        }
        // A 24-hour shift is beyond any time zone; another version's build time is not this version's either.
        Assert.AreEqual(FirmwareAssessor.UnofficialBuildCode, Assess("7.24.4", "2026-03-23 14:35:15").Single().Code);
    }

    [TestMethod]
    public void PublishedBuildTimeShownInALocalTimeZone_IsKnownGood()
    {
        foreach (var build in new[] { "2026-03-23 16:35:15", "2026-03-23 09:35:15", "2026-03-24 00:20:15", "2026-03-23 00:35:15" })
        {
            var verdict = Assess("7.22.1", build).Single();
            Assert.AreEqual(FirmwareAssessor.KnownGoodCode, verdict.Code, build);
            StringAssert.Contains(verdict.Message, "time zone");
        }
        // 15 hours away is no time zone.
        Assert.AreEqual(FirmwareAssessor.UnofficialBuildCode, Assess("7.22.1", "2026-03-24 05:35:15").Single().Code);
    }

    [TestMethod]
    public void UnknownVersion_IsUnknown_AndAVersionWithoutBuildIsKnownByVersion()
    {
        var unknown = Assess("7.99.1", "2026-03-23 14:35:15").Single();
        Assert.AreEqual(FirmwareAssessor.UnknownCode, unknown.Code);
        Assert.AreEqual(Severity.Low, unknown.Severity);

        var noBuild = Assess("7.24.4", null).Single();
        Assert.AreEqual(FirmwareAssessor.KnownGoodCode, noBuild.Code);
        StringAssert.Contains(noBuild.Message, "by its reported version");

        // A build that is no RouterOS time stamp is not compared (nothing to compare with), the version still counts.
        Assert.AreEqual(FirmwareAssessor.KnownGoodCode, Assess("7.24.4", "r24106-10cc5fcd00").Single().Code);
    }

    [TestMethod]
    public void BuildTime_ParsesAndFormatsRouterOsStamps_AndRefusesOthers()
    {
        Assert.AreEqual(1774276515L, BuildTime.Parse("2026-03-23 14:35:15"));
        Assert.AreEqual(1774276515L, BuildTime.Parse(" MAR/23/2026 14:35:15 "));
        Assert.AreEqual("2026-03-23 14:35:15", BuildTime.Format(1774276515));
        Assert.AreEqual("2024-02-29 00:00:00", BuildTime.Format(BuildTime.Parse("2024-02-29 00:00:00")));
        for (long t = 1_356_998_400; t < 4_102_444_800; t += 86_399 * 37)
            Assert.AreEqual(t, BuildTime.Parse(BuildTime.Format(t)), t.ToString());
        foreach (var bad in new[] { null, "", "2026-02-29 00:00:00", "2012-12-31 23:59:59", "2026-13-01 00:00:00", "2026-03-23 24:00:00",
                     "2026-03-23T14:35:15", "abc/23/2026 14:35:15", "2026-03-23 14:35:1x", "build 210628", "2026-03-23 14:35:15Z" })
            Assert.AreEqual(-1L, BuildTime.Parse(bad!), bad);
        Assert.AreEqual("7.22.1 built 2026-03-23 14:35:15", BuildTime.ReleaseText("7.22.1", 1774276515));
        Assert.AreEqual(RouterOsReleases.BuildTimeVersion("7.22.1", DateTimeOffset.FromUnixTimeSeconds(1774276515)), BuildTime.ReleaseText("7.22.1", 1774276515),
            "the importer writes the text the appliance looks up");
    }
}
