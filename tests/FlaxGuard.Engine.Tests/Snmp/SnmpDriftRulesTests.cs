using FlaxGuard.Engine.Families;
using FlaxGuard.Engine.Drift;
using FlaxGuard.Engine.Verdicts;

namespace FlaxGuard.Engine.Tests.Snmp;

[TestClass]
public sealed class SnmpDriftRulesTests
{
    [TestMethod]
    [DataRow(DriftKind.Added, "snmp.process.mozi.m", Severity.High)]
    [DataRow(DriftKind.Removed, "snmp.process.dropbear", Severity.Low)]
    [DataRow(DriftKind.Changed, "snmp.entity.1.software", Severity.High)]
    [DataRow(DriftKind.Changed, "snmp.sys.descr", Severity.High)]
    [DataRow(DriftKind.Changed, "snmp.sys.objectid", Severity.High)]
    [DataRow(DriftKind.Changed, "snmp.sys.location", Severity.Medium)]
    [DataRow(DriftKind.Added, "snmp.sys.contact", Severity.Medium)]
    public void SnmpFactsAreRated(DriftKind kind, string key, Severity expected)
    {
        var rule = DeviceFamilies.CreateDriftRules().Find(kind, key);
        Assert.IsNotNull(rule, key);
        Assert.AreEqual(expected, rule.Severity, key);
    }
}
