using FlaxGuard.Engine.Facts;
using FlaxGuard.Engine.Verdicts;
using FlaxGuard.Server.Store;

namespace FlaxGuard.Server.Tests.Store;

[TestClass]
public sealed class FleetConsensusTests
{
    private const string Kernel = "firmware.kernel.sha256";

    private static FactSet Device(string kernel, string build = "r24106-10cc5fcd00", string cert = "aa", string asset = "11")
    {
        var facts = new FactSet();
        facts.Add("fw.vendor", "openwrt", FactKind.Firmware);
        facts.Add("fw.model", "tplink,archer-c7-v2", FactKind.Identity);
        facts.Add("fw.version", "23.05.5", FactKind.Firmware);
        facts.Add("fw.build", build, FactKind.Firmware);
        facts.Add(Kernel, kernel, FactKind.Firmware);
        facts.Add("tls.cert.sha256", cert, FactKind.Asset);
        facts.Add("http.asset./luci-static/x.js.sha256", asset, FactKind.Asset);
        facts.Add("cfg.user.root", "admin", FactKind.Config);
        return facts;
    }

    [TestMethod]
    public void TheDeviceThatDiffers_IsFlaggedHighWithTheMajorityValue_TheOthersAreNot()
    {
        var fleet = new FleetConsensus();
        fleet.Load([("a", Device("k1")), ("b", Device("k1")), ("c", Device("k2"))]);

        var outlier = fleet.Assess("c", Device("k2")).Single();
        Assert.AreEqual(FleetConsensus.OutlierCode, outlier.Code);
        Assert.AreEqual(Severity.High, outlier.Severity);
        Assert.AreEqual(VerdictKind.Firmware, outlier.Kind);
        Assert.AreEqual(Kernel, outlier.Subject);
        StringAssert.Contains(outlier.Message, "'k2' here, but 2 of the 3 devices running openwrt tplink,archer-c7-v2 23.05.5 r24106-10cc5fcd00 report 'k1'");
        Assert.IsEmpty(fleet.Assess("a", Device("k1")));
    }

    [TestMethod]
    public void TwoDevicesThatDisagree_AreBothFlagged()
    {
        var fleet = new FleetConsensus();
        fleet.Load([("a", Device("k1"))]);

        var verdict = fleet.Assess("b", Device("k2")).Single();
        StringAssert.Contains(verdict.Message, "no majority");
        StringAssert.Contains(verdict.Message, "'k1'");
        fleet.Record("b", Device("k2"));
        Assert.HasCount(1, fleet.Assess("a", Device("k1")));
    }

    [TestMethod]
    public void OnlyDevicesOfTheSameVendorModelVersionAndBuildAreCompared()
    {
        var fleet = new FleetConsensus();
        fleet.Load([("a", Device("k1", build: "r1")), ("b", Device("k1", build: "r1"))]);

        Assert.IsEmpty(fleet.Assess("c", Device("k2", build: "r2")), "another build may have another kernel");
        Assert.IsEmpty(new FleetConsensus().Assess("c", Device("k2")), "alone it agrees with nobody and disagrees with nobody");
    }

    [TestMethod]
    public void PerDeviceFactsAndUnreadValues_AreNotCompared()
    {
        var fleet = new FleetConsensus();
        fleet.Load([("a", Device("k1", cert: "c1")), ("b", Device("k1", cert: "c2"))]);

        Assert.IsEmpty(fleet.Assess("c", Device("k1", cert: "c3")), "every device has its own TLS certificate");
        Assert.IsEmpty(fleet.Assess("c", Device("k1", asset: "unverified")), "a file the probe could not read is no evidence");
        var web = fleet.Assess("c", Device("k1", asset: "99")).Single();
        Assert.AreEqual("http.asset./luci-static/x.js.sha256", web.Subject, "web file hashes are compared");
    }

    [TestMethod]
    public void ForgottenDevices_NoLongerCount()
    {
        var fleet = new FleetConsensus();
        fleet.Load([("a", Device("k1")), ("b", Device("k1"))]);
        fleet.Forget("a");
        fleet.Forget("b");

        Assert.IsEmpty(fleet.Assess("c", Device("k2")));
    }
}
