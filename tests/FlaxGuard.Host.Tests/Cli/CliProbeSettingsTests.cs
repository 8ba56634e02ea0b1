using FlaxGuard.Lab.Twins.OpenWrt;

namespace FlaxGuard.Host.Tests.Cli;

/// <summary>
/// <c>flaxguard check</c>'s probe settings (issue 13): the trusted resolver and SNMP credentials, the secrets only from
/// standard input (after the password) or a prompt, never from the command line, and never echoed.
/// </summary>
[TestClass]
public sealed class CliProbeSettingsTests
{
    private const string User = "root";
    private const string Password = "Cli-Wire-pass-41";
    private const string Community = "Wire-community-77";

    [TestMethod]
    public async Task OpenWrtProfile_WithSnmpV2c_ReadsPasswordThenCommunityFromStdin_AndNeverEchoesThem()
    {
        await using OpenWrtTwin twin = await OpenWrtTwin.StartAsync(Loopback.NextAddress(), 0, User, Password, CancellationToken.None);
        var r = FlaxguardProcess.Run(TimeSpan.FromSeconds(90), Password + "\n" + Community + "\n",
            "check", twin.BaseUri.ToString().TrimEnd('/'), "--profile", "openwrt", "--user", User, "--password-stdin",
            "--snmp", "v2c", "--snmp-secrets-stdin", "--dns-resolver", "127.0.0.1:5353", "--ports", "none", "--json");
        // The twin speaks no SNMP: the login worked (ubus facts), SNMP is "could not verify" with the reason.
        Assert.AreEqual(3, r.ExitCode, r.All);
        StringAssert.Contains(r.Stdout, "\"fw.vendor\"");
        StringAssert.Contains(r.Stdout, "\"upnp.igd\"");
        StringAssert.Contains(r.All, "refused SNMP");
        StringAssert.Contains(r.All, "runs no DNS resolver on port 53");
        Assert.IsFalse(r.All.Contains(Password, StringComparison.Ordinal), "the password never appears in output");
        Assert.IsFalse(r.All.Contains(Community, StringComparison.Ordinal), "the community never appears in output");
        FlaxguardProcess.AssertNoStackTrace(r);
    }

    [TestMethod]
    public void SnmpSecretOnTheCommandLine_IsRefused_WithoutEchoingIt()
    {
        foreach (var option in new[] { "--snmp-community", "--snmp-auth-password", "--snmp-priv-password" })
        {
            var r = FlaxguardProcess.Run("check", "192.0.2.1", "--profile", "snmp", "--snmp", "v2c", option, Community);
            Assert.AreNotEqual(0, r.ExitCode, r.All);
            StringAssert.Contains(r.All, "--snmp-secrets-stdin");
            Assert.IsFalse(r.All.Contains(Community, StringComparison.Ordinal), option + " echoed its value");
            FlaxguardProcess.AssertNoStackTrace(r);
        }
    }

    [TestMethod]
    [DataRow(new[] { "check", "192.0.2.1", "--profile", "snmp" }, "needs --snmp v2c or --snmp v3")]
    [DataRow(new[] { "check", "192.0.2.1", "--profile", "snmp", "--snmp", "v2c" }, "needs its secrets")]
    [DataRow(new[] { "check", "192.0.2.1", "--profile", "snmp", "--snmp", "v3", "--snmp-secrets-stdin" }, "needs --snmp-user")]
    [DataRow(new[] { "check", "192.0.2.1", "--snmp-user", "monitor" }, "need --snmp v2c or --snmp v3")]
    [DataRow(new[] { "check", "192.0.2.1", "--profile", "router", "--dns-resolver", "dns.google" }, "not an IP address")]
    [DataRow(new[] { "check", "192.0.2.1", "--profile", "snmp", "--snmp", "v1", "--snmp-secrets-stdin" }, "v1")]
    public void BadProbeSettings_AreOneClearLine(string[] args, string expected)
    {
        var r = FlaxguardProcess.Run(args);
        Assert.AreNotEqual(0, r.ExitCode, r.All);
        StringAssert.Contains(r.All, expected);
        FlaxguardProcess.AssertNoStackTrace(r);
    }

    [TestMethod]
    public void SnmpV3_WithTooFewSecretLinesOnStdin_SaysSo()
    {
        var r = FlaxguardProcess.Run(TimeSpan.FromSeconds(60), "only-one-line\n",
            "check", "192.0.2.1", "--profile", "snmp", "--snmp", "v3", "--snmp-user", "monitor", "--snmp-secrets-stdin");
        Assert.AreNotEqual(0, r.ExitCode, r.All);
        StringAssert.Contains(r.All, "ended before every SNMP secret was read");
        Assert.IsFalse(r.All.Contains("only-one-line", StringComparison.Ordinal));
        FlaxguardProcess.AssertNoStackTrace(r);
    }

    [TestMethod]
    public void Help_DocumentsTheDefaultResolver_AndTheNewProfiles()
    {
        var r = FlaxguardProcess.Run("check", "--help");
        Assert.AreEqual(0, r.ExitCode, r.All);
        StringAssert.Contains(r.Stdout, "--dns-resolver");
        StringAssert.Contains(r.Stdout, "9.9.9.9");
        StringAssert.Contains(r.Stdout, "--snmp-secrets-stdin");
        foreach (var profile in new[] { "'router'", "'snmp'", "'upnp'" }) StringAssert.Contains(r.Stdout, profile);
        Assert.IsFalse(r.Stdout.Contains("--snmp-community", StringComparison.Ordinal), "the refused option stays hidden");
    }
}
