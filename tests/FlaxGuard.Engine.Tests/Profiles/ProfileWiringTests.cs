using FlaxGuard.Engine.Drift;
using FlaxGuard.Engine.Families;
using FlaxGuard.Engine.Probes;
using FlaxGuard.Engine.Probes.Dns;
using FlaxGuard.Engine.Probes.Profiles;
using FlaxGuard.Engine.Probes.Snmp;
using FlaxGuard.Engine.Probes.Upnp;
using FlaxGuard.Engine.Verdicts;
using FlaxGuard.Wording;

namespace FlaxGuard.Engine.Tests.Profiles;

/// <summary>
/// Which probes each profile runs (issue 13 part 1): router profiles add UPnP IGD and DNS integrity, vendor profiles
/// fingerprint their own web interface, SNMP runs exactly when the device has SNMP credentials.
/// </summary>
[TestClass]
public sealed class ProfileWiringTests
{
    private static readonly ProfileAddress Address = ProfileAddress.TryParse("192.0.2.1", out _)!;

    private static string[] ProbeTypes(string profile, ProbeSettings? settings, string? user = "admin", string? password = "pw")
    {
        IProbe[]? probes = ProbeProfiles.Create(profile, Address, user!, password!, [], settings, out string error);
        Assert.IsNotNull(probes, profile + ": " + error);
        return probes.Select(p => p.GetType().Name).ToArray();
    }

    [TestMethod]
    public void EveryProfile_RunsItsOwnProbes_PlusTheSharedOnes()
    {
        var expected = new Dictionary<string, string[]>
        {
            [ProbeProfiles.Web] = [nameof(HttpFingerprintProbe)],
            [ProbeProfiles.OpenWrt] = ["UbusProbe", "FlashProbe", nameof(HttpFingerprintProbe), nameof(UpnpIgdProbe), nameof(DnsIntegrityProbe)],
            [ProbeProfiles.RouterOs] = ["RouterOsRestProbe", nameof(HttpFingerprintProbe), nameof(UpnpIgdProbe), nameof(DnsIntegrityProbe)],
            [ProbeProfiles.Router] = [nameof(HttpFingerprintProbe), nameof(UpnpIgdProbe), nameof(DnsIntegrityProbe)],
            [ProbeProfiles.Hikvision] = ["IsapiProbe", nameof(HttpFingerprintProbe)],
            [ProbeProfiles.Onvif] = ["OnvifProbe", nameof(HttpFingerprintProbe)],
            [ProbeProfiles.Upnp] = [nameof(UpnpIgdProbe)],
        };
        foreach (var (profile, probes) in expected)
        {
            CollectionAssert.AreEqual(probes, ProbeTypes(profile, null), profile);
            Assert.IsTrue(ProfileDescriptions.Has(profile), "the host describes every profile: " + profile);
        }
        CollectionAssert.AreEquivalent(expected.Keys.Append(ProbeProfiles.Snmp).ToArray(), ProbeProfiles.Names, "every profile is covered here");
    }

    [TestMethod]
    public void Snmp_RunsOnlyWithCredentials()
    {
        foreach (string profile in ProbeProfiles.Names.Where(p => p != ProbeProfiles.Snmp))
            Assert.IsFalse(ProbeTypes(profile, new ProbeSettings { TrustedResolver = "192.0.2.53" }).Contains(nameof(SnmpProbe)), profile + " without SNMP credentials");
        var v2c = new ProbeSettings { SnmpCommunity = "community" };
        var v3 = new ProbeSettings { SnmpUser = "monitor", SnmpAuthPassword = "authpass1", SnmpPrivPassword = "privpass1" };
        foreach (string profile in ProbeProfiles.Names)
        {
            Assert.AreEqual(1, ProbeTypes(profile, v2c).Count(t => t == nameof(SnmpProbe)), profile + " with a v2c community");
            Assert.AreEqual(1, ProbeTypes(profile, v3).Count(t => t == nameof(SnmpProbe)), profile + " with a v3 user");
        }
        CollectionAssert.AreEqual(new[] { nameof(SnmpProbe) }, ProbeTypes(ProbeProfiles.Snmp, v2c, null, null), "the snmp profile needs no admin login");
        Assert.IsFalse(ProbeProfiles.NeedsCredentials(ProbeProfiles.Snmp));
    }

    [TestMethod]
    public void SnmpProfile_WithoutSnmpCredentials_OrWithWeakV3Passwords_IsRefusedWithAReason()
    {
        Assert.IsNull(ProbeProfiles.Create(ProbeProfiles.Snmp, Address, null!, null!, [], null, out string none));
        StringAssert.Contains(none, "needs SNMP credentials");
        var weak = new ProbeSettings { SnmpUser = "monitor", SnmpAuthPassword = "short", SnmpPrivPassword = "secret-priv-pw" };
        Assert.IsNull(ProbeProfiles.Create(ProbeProfiles.OpenWrt, Address, "root", "pw", [], weak, out string tooShort));
        StringAssert.Contains(tooShort, "at least 8 characters");
        Assert.IsFalse(tooShort.Contains("short") && tooShort.Contains("secret-priv-pw"), "no secret in the reason");
        var half = new ProbeSettings { SnmpUser = "monitor", SnmpAuthPassword = "authpass1" };
        Assert.IsNull(ProbeProfiles.Create(ProbeProfiles.Web, Address, null!, null!, [], half, out string missing));
        StringAssert.Contains(missing, "both an authentication and a privacy password");
    }

    [TestMethod]
    public void TrustedResolver_IsAnIpLiteralWithOptionalPort()
    {
        foreach (var (text, host, port) in new[] { ("9.9.9.9", "9.9.9.9", 53), ("192.0.2.53:5353", "192.0.2.53", 5353), ("2001:db8::53", "2001:db8::53", 53), ("[2001:db8::53]:5300", "2001:db8::53", 5300) })
        {
            var parsed = TrustedResolverAddress.TryParse(text, out string problem);
            Assert.IsNotNull(parsed, problem);
            Assert.AreEqual((host, port), (parsed.Host, parsed.Port), text);
        }
        foreach (var text in new[] { "dns.google", "192.0.2.300", "192.0.2.1:0", "192.0.2.1:99999", "[2001:db8::1", "", "1.2.3", "[192.0.2.53]:53", "2001:db8::zz" })
        {
            Assert.IsNull(TrustedResolverAddress.TryParse(text, out string problem), text);
            StringAssert.Contains(problem, "IP address");
        }
        Assert.IsNull(ProbeProfiles.Create(ProbeProfiles.Router, Address, null!, null!, [], new ProbeSettings { TrustedResolver = "resolver.lan" }, out string error));
        StringAssert.Contains(error, "resolver.lan");
    }

    [TestMethod]
    public void WebFingerprintOfVendorProfiles_CanBeSwitchedOff()
    {
        var off = new ProbeSettings { WebFingerprint = false };
        foreach (string profile in new[] { ProbeProfiles.OpenWrt, ProbeProfiles.RouterOs, ProbeProfiles.Router, ProbeProfiles.Hikvision, ProbeProfiles.Onvif })
            Assert.IsFalse(ProbeTypes(profile, off).Contains(nameof(HttpFingerprintProbe)), profile);
    }

    [TestMethod]
    public void EveryRuleCode_OfTheNewFacts_HasASentence()
    {
        foreach (var code in new[] { "upnp.risky.set", "upnp.risky.removed", "auth.refused-now" })
            Assert.IsTrue(DriftSentences.Has(code), code);
        var rules = DeviceFamilies.CreateDriftRules();
        Assert.AreEqual("upnp.risky.set", rules.Find(DriftKind.Added, "upnp.risky.tcp.2323")!.Code);
        Assert.AreEqual(Severity.Critical, rules.Find(DriftKind.Added, "upnp.risky.tcp.2323")!.Severity);
        Assert.AreEqual(Severity.High, rules.Find(DriftKind.Added, "upnp.map.tcp.8080")!.Severity);
        Assert.AreEqual(Severity.High, rules.Find(DriftKind.Changed, "dns.answer.dns.google.a")!.Severity);
        Assert.AreEqual(Severity.High, rules.Find(DriftKind.Changed, "auth.openwrt-ubus")!.Severity);
    }
}
