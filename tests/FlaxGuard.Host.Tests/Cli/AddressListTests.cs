using FlaxGuard.Cli.Checking;

namespace FlaxGuard.Host.Tests.Cli;

[TestClass]
public sealed class AddressListTests
{
    [TestMethod]
    public void Blocks_ExpandToTheirDevices_WithoutNetworkAndBroadcast()
    {
        CollectionAssert.AreEqual(new[] { "192.0.2.1", "192.0.2.2", "192.0.2.3", "192.0.2.4", "192.0.2.5", "192.0.2.6" }, AddressList.Expand(["192.0.2.0/29"]));
        CollectionAssert.AreEqual(new[] { "192.0.2.8", "192.0.2.9" }, AddressList.Expand(["192.0.2.8/31"]));
        CollectionAssert.AreEqual(new[] { "192.0.2.9", "cam1.lan" }, AddressList.Expand(["192.0.2.9/32,cam1.lan", "192.0.2.9"]));
        Assert.HasCount(4094, AddressList.Expand(["198.18.0.0/20"]));
    }

    [TestMethod]
    [DataRow("192.0.2.1/28", "not the start of its block")]
    [DataRow("192.0.2.0/16", "at most a /20")]
    [DataRow("192.0.2.0/33", "not an IPv4 block")]
    [DataRow("::1/128", "not an IPv4 block")]
    [DataRow("300.0.0.1", "not an IP address or host name")]
    public void BadItems_AreExplained(string item, string message)
    {
        var e = Assert.ThrowsExactly<UserInputException>(() => AddressList.Expand([item]));
        StringAssert.Contains(e.Message, message);
    }
}
