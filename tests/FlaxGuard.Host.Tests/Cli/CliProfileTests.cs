using System.Net;
using FlaxGuard.Lab.Twins;
using FlaxGuard.Lab.Twins.OpenWrt;

namespace FlaxGuard.Host.Tests.Cli;

/// <summary><c>flaxguard check --profile</c>: a vendor admin API read by the real CLI, credentials piped in.</summary>
[TestClass]
public sealed class CliProfileTests
{
    private const string User = "root";
    private const string Password = "Cli-Owrt-pass-93";

    private static async Task<OpenWrtTwin> StartTwinAsync() =>
        await OpenWrtTwin.StartAsync(Loopback.NextAddress(), 0, User, Password, CancellationToken.None);

    [TestMethod]
    public async Task OpenWrtProfile_ReadsTheRouterAndCatchesANewAdminAgainstTheSavedBaseline()
    {
        await using OpenWrtTwin twin = await StartTwinAsync();
        string dir = Directory.CreateTempSubdirectory("fg-profile-").FullName;
        string baseline = Path.Combine(dir, "router.baseline");
        string url = twin.BaseUri.ToString().TrimEnd('/');

        var first = FlaxguardProcess.Run(TimeSpan.FromSeconds(60), Password + "\n",
            "check", url, "--profile", "openwrt", "--user", User, "--password-stdin", "--ports", "none", "--save-baseline", baseline, "--json");
        Assert.AreEqual(0, first.ExitCode, first.All);
        StringAssert.Contains(first.Stdout, "\"fw.vendor\"");
        StringAssert.Contains(first.Stdout, "openwrt");
        Assert.IsTrue(File.Exists(baseline));

        twin.Apply(TwinChanges.NewAdmin);
        var second = FlaxguardProcess.Run(TimeSpan.FromSeconds(60), Password + "\n",
            "check", url, "--profile", "openwrt", "--user", User, "--password-stdin", "--ports", "none", "--baseline", baseline);
        Assert.AreEqual(2, second.ExitCode, "a new admin account is CRITICAL\n" + second.All);
        StringAssert.Contains(second.Stdout, "cfg.user.");
        StringAssert.Contains(second.Stdout, "new user account");
        foreach (var r in new[] { first, second })
        {
            Assert.IsFalse(r.All.Contains(Password, StringComparison.Ordinal), "the password never appears in output");
            FlaxguardProcess.AssertNoStackTrace(r);
        }
    }

    [TestMethod]
    public async Task WrongPassword_IsUnknownWithAClearReason_AndNeverEchoed()
    {
        await using OpenWrtTwin twin = await StartTwinAsync();
        var r = FlaxguardProcess.Run(TimeSpan.FromSeconds(60), "Wrong-guess-1234\n",
            "check", twin.BaseUri.ToString(), "--profile", "openwrt", "--user", User, "--password-stdin", "--ports", "none", "--json");
        Assert.AreEqual(3, r.ExitCode, r.All);
        StringAssert.Contains(r.All, "refused the credentials");
        Assert.IsFalse(r.All.Contains("Wrong-guess-1234", StringComparison.Ordinal));
        FlaxguardProcess.AssertNoStackTrace(r);
    }

    [TestMethod]
    [DataRow(new[] { "check", "192.0.2.1", "--profile", "routeros" }, "give --user")]
    [DataRow(new[] { "check", "192.0.2.1", "--profile", "routeros", "--user", "monitor" }, "needs the password")]
    [DataRow(new[] { "check", "192.0.2.1", "--profile", "telnetbox" }, "telnetbox")]
    public void MissingCredentialsOrUnknownProfile_IsOneClearLine(string[] args, string expected)
    {
        var r = FlaxguardProcess.Run(args);
        Assert.AreNotEqual(0, r.ExitCode);
        StringAssert.Contains(r.All, expected);
        FlaxguardProcess.AssertNoStackTrace(r);
    }
}
