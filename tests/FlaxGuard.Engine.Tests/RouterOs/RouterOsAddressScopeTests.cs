using System.Net;
using FlaxGuard.Engine.Probes.RouterOs;

namespace FlaxGuard.Engine.Tests.RouterOs;

[TestClass]
public sealed class RouterOsAddressScopeTests
{
    private static readonly IPNetwork[] Local =
    [
        IPNetwork.Parse("10.0.0.0/8"), IPNetwork.Parse("172.16.0.0/12"), IPNetwork.Parse("192.168.0.0/16"),
        IPNetwork.Parse("100.64.0.0/10"), IPNetwork.Parse("169.254.0.0/16"), IPNetwork.Parse("127.0.0.0/8"),
    ];

    /// <summary>Reference: a prefix is local when one of the blocks contains its whole range (.NET's IPNetwork).</summary>
    private static bool ReferenceIsLocal(IPAddress address, int length) =>
        Local.Any(block => length >= block.PrefixLength && block.Contains(address));

    [TestMethod]
    public void IPv4_AgreesWithDotNetIPNetwork_OnRandomPrefixes()
    {
        var random = new Random(4242);
        var interesting = new byte[] { 10, 100, 127, 169, 172, 192, 0, 8, 203 };
        for (var i = 0; i < 20_000; i++)
        {
            var bytes = new byte[4];
            random.NextBytes(bytes);
            if (i % 2 == 0) bytes[0] = interesting[random.Next(interesting.Length)];
            if (i % 3 == 0) bytes[1] = (byte)(bytes[0] == 172 ? 16 + random.Next(20) : bytes[0] == 192 ? 168 : bytes[0] == 169 ? 254 : bytes[0] == 100 ? 60 + random.Next(10) : bytes[1]);
            var length = random.Next(0, 33);
            var address = new IPAddress(bytes);
            var text = i % 5 == 0 ? address.ToString() : address + "/" + length;
            var expected = ReferenceIsLocal(address, i % 5 == 0 ? 32 : length);
            Assert.AreEqual(expected, RouterOsAddressScope.IsLocal(text), text);
        }
    }

    [TestMethod]
    [DataRow("fd00:64:88::/64", true)]
    [DataRow("FC00::/7", true)]
    [DataRow("fc00::/6", false)]
    [DataRow("fe80::1", true)]
    [DataRow("febf::/10", true)]
    [DataRow("fec0::/10", false)]
    [DataRow("::1", true)]
    [DataRow("::1/127", false)]
    [DataRow("::/0", false)]
    [DataRow("2001:db8::/32", false)]
    [DataRow("0.0.0.0/0", false)]
    [DataRow("192.168.88.0/24", true)]
    [DataRow("192.168.88.0/15", false)]
    [DataRow("192.168.88.1/33", false)]
    [DataRow("192.168.88", false)]
    [DataRow("192.168.88.256", false)]
    [DataRow("", false)]
    [DataRow("any", false)]
    public void IsLocal_Examples(string entry, bool local)
    {
        Assert.AreEqual(local, RouterOsAddressScope.IsLocal(entry));
    }

    [TestMethod]
    public void EmptyList_MeansAnyAddress()
    {
        Assert.IsFalse(RouterOsAddressScope.IsLocalOnly([]));
        Assert.IsTrue(RouterOsAddressScope.IsLocalOnly(["100.64.88.0/24", "fd00:64:88::/64", "127.0.0.0/8"]));
        Assert.IsFalse(RouterOsAddressScope.IsLocalOnly(["100.64.88.0/24", "198.51.100.7/32"]));
    }
}
