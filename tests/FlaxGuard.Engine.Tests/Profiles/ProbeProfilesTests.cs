using FlaxGuard.Wording;
using FlaxGuard.Engine.Probes;
using FlaxGuard.Engine.Probes.Profiles;

namespace FlaxGuard.Engine.Tests.Profiles;

[TestClass]
public sealed class ProbeProfilesTests
{
    [TestMethod]
    [DataRow("192.0.2.1", null, "192.0.2.1", 0)]
    [DataRow("192.0.2.1:8080", null, "192.0.2.1", 8080)]
    [DataRow("http://router.lan", "http", "router.lan", 0)]
    [DataRow("HTTPS://router.lan:8443/", "https", "router.lan", 8443)]
    [DataRow("[2001:db8::1]:443", null, "2001:db8::1", 443)]
    [DataRow("https://[2001:db8::1]", "https", "2001:db8::1", 0)]
    [DataRow("2001:db8::1", null, "2001:db8::1", 0)]
    [DataRow("https://cam1.lan/doc/page/login.asp", "https", "cam1.lan", 0)]
    public void ParsesTheAddressFormsOwnersWrite(string text, string? scheme, string host, int port)
    {
        ProfileAddress? address = ProfileAddress.TryParse(text, out string error);
        Assert.IsNotNull(address, error);
        Assert.AreEqual(scheme, address.Scheme);
        Assert.AreEqual(host, address.Host);
        Assert.AreEqual(port, address.Port);
    }

    [TestMethod]
    [DataRow("", "empty")]
    [DataRow("ftp://router", "only http:// and https://")]
    [DataRow("http://admin:secret@router", "must not carry a user name or password")]
    [DataRow("router/cgi-bin/luci", "without a path")]
    [DataRow("router:0", "port")]
    [DataRow("router:65536", "port")]
    [DataRow("router:80x", "port")]
    [DataRow("[2001:db8::1", "closing ']'")]
    [DataRow("rou ter", "characters")]
    public void RefusesAddressesItCannotUseWithAReason(string text, string reasonPart)
    {
        Assert.IsNull(ProfileAddress.TryParse(text, out string error));
        StringAssert.Contains(error, reasonPart);
        Assert.DoesNotContain("secret", error, "a password in the address is never echoed");
    }

    [TestMethod]
    public void EveryProfileEndsWithTheRiskyPortCheck_UnlessThePortListIsEmpty()
    {
        ProfileAddress address = ProfileAddress.TryParse("192.0.2.1", out _)!;
        var snmp = new FlaxGuard.Engine.Families.ProbeSettings { SnmpCommunity = "community" };
        foreach (string profile in ProbeProfiles.Names)
        {
            IProbe[]? probes = ProbeProfiles.Create(profile, address, "admin", "pw", null, snmp, out string error);
            Assert.IsNotNull(probes, error);
            Assert.AreEqual(nameof(TcpExposureProbe), probes[^1].GetType().Name, profile);
            IProbe[]? noPorts = ProbeProfiles.Create(profile, address, "admin", "pw", [], snmp, out _);
            Assert.HasCount(probes.Length - 1, noPorts, "an empty port list means no port probing: " + profile);
        }
    }

    [TestMethod]
    public void VendorProfilesRefuseToRunWithoutCredentials()
    {
        ProfileAddress address = ProfileAddress.TryParse("192.0.2.1", out _)!;
        foreach (string profile in new[] { ProbeProfiles.OpenWrt, ProbeProfiles.RouterOs, ProbeProfiles.Hikvision, ProbeProfiles.Onvif })
        {
            Assert.IsNull(ProbeProfiles.Create(profile, address, null!, null!, null, out string error));
            StringAssert.Contains(error, "needs a user name and password");
        }
        Assert.IsNotNull(ProbeProfiles.Create(ProbeProfiles.Web, address, null!, null!, null, out _));
        Assert.IsNull(ProbeProfiles.Create("telnetbox", address, null!, null!, null, out string unknown));
        StringAssert.Contains(unknown, "unknown profile");
    }
}
