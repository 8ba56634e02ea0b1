using FlaxGuard.Engine.Text;

namespace FlaxGuard.Engine.Tests.Text;

/// <summary>The one host:port splitter behind the ESP32 HTTP client's URLs and the trusted resolver address.</summary>
[TestClass]
public sealed class HostPortTests
{
    [TestMethod]
    [DataRow("router.lan", false, "router.lan", 80)]
    [DataRow("192.0.2.1:8080", false, "192.0.2.1", 8080)]
    [DataRow("[2001:db8::1]", false, "2001:db8::1", 80)]
    [DataRow("[2001:db8::1]:8443", false, "2001:db8::1", 8443)]
    [DataRow("2001:db8::53", true, "2001:db8::53", 80)]
    public void Splits(string authority, bool bare, string host, int port)
    {
        Assert.IsTrue(HostPort.TrySplit(authority, 80, bare, out var h, out var p));
        Assert.AreEqual(host, h);
        Assert.AreEqual(port, p);
    }

    [TestMethod]
    [DataRow("", false)]
    [DataRow(":80", false)]
    [DataRow("host:", false)]
    [DataRow("host:0", false)]
    [DataRow("host:65536", false)]
    [DataRow("host:+80", false)]
    [DataRow("[2001:db8::1", false)]
    [DataRow("[2001:db8::1]x", false)]
    [DataRow("[]:80", false)]
    [DataRow("2001:db8::53", false)]
    public void RefusesMalformed(string authority, bool bare)
    {
        Assert.IsFalse(HostPort.TrySplit(authority, 80, bare, out var h, out var p));
        Assert.IsNull(h);
        Assert.AreEqual(-1, p);
    }
}
