using FlaxGuard.Engine.Drift;
using FlaxGuard.Engine.Facts;
using FlaxGuard.Engine.Families;
using FlaxGuard.Engine.Verdicts;
using FlaxGuard.Wording;

namespace FlaxGuard.Engine.Tests.Onvif;

/// <summary>
/// ONVIF GetNetworkProtocols drift: HTTP switched on where the camera answered over HTTPS only is a high downgrade with
/// its own sentence; HTTPS or RTSP switched on and moved ports stay medium, and the other families' service names
/// (RouterOS and OpenWrt "www") keep their ratings.
/// </summary>
[TestClass]
public sealed class OnvifProtocolDriftTests
{
    private static DriftChange Single(string[] baseline, string[] current)
    {
        static FactSet Set(string[] facts)
        {
            var set = new FactSet();
            foreach (var f in facts) set.Add(f[..f.IndexOf('=')], f[(f.IndexOf('=') + 1)..], FactKind.Config);
            return set;
        }
        var drift = DriftReport.Compute(Set(baseline), Set(current), DeviceFamilies.CreateDriftRules());
        Assert.AreEqual(1, drift.Count);
        return drift[0];
    }

    [TestMethod]
    public void HttpSwitchedOnBesideHttps_IsHigh_WithTheDowngradeSentence()
    {
        var change = Single(["cfg.service.https=port=443", "cfg.service.rtsp=port=554"], ["cfg.service.http=port=80", "cfg.service.https=port=443", "cfg.service.rtsp=port=554"]);
        Assert.AreEqual((DriftKind.Added, Severity.High, "cfg.service.http.on"), (change.Kind, change.Severity, change.Code));
        StringAssert.Contains(DriftSentences.For(change), "in the clear");
    }

    [TestMethod]
    [DataRow("cfg.service.http=port=80", "cfg.service.http=port=80,8080", "an HTTP port more")]
    [DataRow("cfg.service.rtsp=port=554", "cfg.service.rtsp=port=554,8554", "an RTSP port more")]
    [DataRow("", "cfg.service.rtsp=port=554", "RTSP switched on")]
    [DataRow("", "cfg.service.https=port=443", "HTTPS switched on")]
    [DataRow("", "cfg.service.www=port=80 from=any", "RouterOS or OpenWrt www")]
    public void OtherProtocolChanges_StayMedium(string before, string after, string what)
    {
        var change = Single(before.Length == 0 ? [] : [before], [after]);
        Assert.AreEqual(Severity.Medium, change.Severity, what);
    }
}
