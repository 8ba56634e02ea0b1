using FlaxGuard.Engine.Probes.Snmp;

namespace FlaxGuard.Engine.Tests.Snmp;

[TestClass]
public sealed class SnmpOidTests
{
    [TestMethod]
    public void ParsesAndPrints()
    {
        CollectionAssert.AreEqual(new uint[] { 1, 3, 6, 1, 2, 1, 1, 1, 0 }, SnmpOid.Parse(".1.3.6.1.2.1.1.1.0"));
        Assert.AreEqual("1.3.6.1.4294967295", SnmpOid.ToText(SnmpOid.Parse("1.3.6.1.4294967295")));
        foreach (var bad in new[] { "", "1", "1..3", "1.3.", "1.x", "1.4294967296" })
        {
            Assert.ThrowsExactly<ArgumentException>(() => SnmpOid.Parse(bad), bad);
        }
    }

    [TestMethod]
    public void OrdersLexicographicallyAndTestsPrefixes()
    {
        var column = SnmpOid.Parse("1.3.6.1.2.1.25.4.2.1.2");
        Assert.IsLessThan(0, SnmpOid.Compare(column, SnmpOid.Parse("1.3.6.1.2.1.25.4.2.1.2.1")));
        Assert.IsLessThan(0, SnmpOid.Compare(SnmpOid.Parse("1.3.6.1.2.1.25.4.2.1.2.9"), SnmpOid.Parse("1.3.6.1.2.1.25.4.2.1.2.10")));
        Assert.IsGreaterThan(0, SnmpOid.Compare(SnmpOid.Parse("1.3.6.1.2.1.25.4.2.1.3"), SnmpOid.Parse("1.3.6.1.2.1.25.4.2.1.2.999")));
        Assert.AreEqual(0, SnmpOid.Compare(column, SnmpOid.Parse("1.3.6.1.2.1.25.4.2.1.2")));
        Assert.IsTrue(SnmpOid.IsUnder(SnmpOid.Parse("1.3.6.1.2.1.25.4.2.1.2.7"), column));
        Assert.IsFalse(SnmpOid.IsUnder(column, column));
        Assert.IsFalse(SnmpOid.IsUnder(SnmpOid.Parse("1.3.6.1.2.1.25.4.2.1.3.7"), column));
        Assert.AreEqual("7.1", SnmpOid.IndexText(SnmpOid.Parse("1.3.6.1.2.1.25.4.2.1.2.7.1"), column));
    }
}
