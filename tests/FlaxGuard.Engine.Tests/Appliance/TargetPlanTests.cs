using FlaxGuard.Engine.Appliance;
using FlaxGuard.Engine.Jobs;
using FlaxGuard.Engine.Probes;

namespace FlaxGuard.Engine.Tests.Appliance;

[TestClass]
public sealed class TargetPlanTests
{
    private static JobTarget Target(string address, string ports = "", string profile = "web", string user = "", string password = "") =>
        new("t1", "router", address, profile, ports, user, password, null);

    [TestMethod]
    public void PortList_EmptyOrDefault_IsTheRiskyPortList()
    {
        CollectionAssert.AreEqual(RiskyPorts.DefaultPortNumbers(), TargetPlan.ParsePortList("", out _));
        CollectionAssert.AreEqual(RiskyPorts.DefaultPortNumbers(), TargetPlan.ParsePortList(" default ", out _));
    }

    [TestMethod]
    public void PortList_DefaultPlusRangesAndSinglePorts_WithoutDuplicates()
    {
        int[] ports = TargetPlan.ParsePortList("default, 8000-8002,23,8001", out string problem);
        Assert.IsNull(problem);
        int[] defaults = RiskyPorts.DefaultPortNumbers();
        Assert.HasCount(defaults.Length + 3, ports);
        CollectionAssert.IsSubsetOf(new[] { 8000, 8001, 8002 }, ports);
        Assert.AreEqual(ports.Length, ports.Distinct().Count());
    }

    [TestMethod]
    [DataRow("0", "is not a port")]
    [DataRow("65536", "is not a port")]
    [DataRow("80-70", "is not a port")]
    [DataRow("http", "is not a port")]
    [DataRow("1-200", "more than 128 ports")]
    public void PortList_Bad_GivesAReason(string text, string reason)
    {
        Assert.IsNull(TargetPlan.ParsePortList(text, out string problem));
        StringAssert.Contains(problem, reason);
    }

    [TestMethod]
    public void Address_Forms()
    {
        Assert.AreEqual("192.0.2.1", TargetPlan.For(Target("192.0.2.1")).Host);
        Assert.AreEqual("cam1.lan", TargetPlan.For(Target("https://cam1.lan/doc/page/login.asp")).Host);
        Assert.AreEqual("192.0.2.1", TargetPlan.For(Target("http://192.0.2.1:8080")).Host);
        Assert.AreEqual("2001:db8::1", TargetPlan.For(Target("2001:db8::1")).Host);
        Assert.AreEqual("2001:db8::1", TargetPlan.For(Target("https://[2001:db8::1]:8443/")).Host);
    }

    [TestMethod]
    public void ExplicitWebPort_IsAddedToTheExposureList_AndEveryTargetGetsBothProbes()
    {
        TargetPlan plan = TargetPlan.For(Target("http://192.0.2.1:8080", "23"));
        Assert.IsNull(plan.Problem);
        CollectionAssert.AreEqual(new[] { "http-fingerprint", "tcp-exposure" }, plan.Probes.Select(p => p.Name).ToArray());
    }

    [TestMethod]
    public void UnusableAddresses_GiveAReasonAndNoProbes()
    {
        TargetPlan ftp = TargetPlan.For(Target("ftp://192.0.2.1"));
        Assert.IsNull(ftp.Host);
        StringAssert.Contains(ftp.Problem, "only http:// and https://");
        Assert.IsEmpty(ftp.Probes);
        StringAssert.Contains(TargetPlan.For(Target("http://192.0.2.1:99999")).Problem, "port is not a number");
        StringAssert.Contains(TargetPlan.For(Target("192.0.2.1", "nope")).Problem, "is not a port");
    }

    [TestMethod]
    public void VendorProfiles_RunTheirAdminApiProbe_AndNeedCredentials()
    {
        TargetPlan plan = TargetPlan.For(Target("https://192.0.2.1:8443", "23", "routeros", "monitor", "pw"));
        Assert.IsNull(plan.Problem);
        CollectionAssert.AreEqual(new[] { "RouterOsRestProbe", "HttpFingerprintProbe", "UpnpIgdProbe", "DnsIntegrityProbe", "TcpExposureProbe" }, plan.Probes.Select(p => p.GetType().Name).ToArray());
        StringAssert.Contains(TargetPlan.For(Target("192.0.2.1", "", "onvif")).Problem, "needs a user name and password");
        StringAssert.Contains(TargetPlan.For(Target("192.0.2.1", "", "telnetbox", "u", "p")).Problem, "not known to this appliance");
    }

    [TestMethod]
    public void JobProbeSettings_ReachTheProbes_SnmpOnlyWithCredentials_BadResolverRefused()
    {
        var withSnmp = new JobTarget("t1", "switch", "192.0.2.30", "snmp", "", "", "", null, new FlaxGuard.Engine.Families.ProbeSettings { SnmpCommunity = "c" });
        TargetPlan snmp = TargetPlan.For(withSnmp);
        Assert.IsNull(snmp.Problem);
        CollectionAssert.AreEqual(new[] { "SnmpProbe", "TcpExposureProbe" }, snmp.Probes.Select(p => p.GetType().Name).ToArray());
        StringAssert.Contains(TargetPlan.For(Target("192.0.2.30", "", "snmp")).Problem, "needs SNMP credentials");
        var badResolver = new JobTarget("t1", "router", "192.0.2.1", "router", "", "", "", null, new FlaxGuard.Engine.Families.ProbeSettings { TrustedResolver = "not-an-ip" });
        StringAssert.Contains(TargetPlan.For(badResolver).Problem, "trusted resolver");
    }
}
