using FlaxGuard.Engine.Verdicts;
using FlaxGuard.Server.Secrets;
using FlaxGuard.Server.Store;
using FlaxGuard.Server.Tests.Fixtures;
using System.Text.Json;

namespace FlaxGuard.Server.Tests.Cli;

/// <summary>The enrollment, baseline and status commands run as a real child process, as an owner or Nagios would run them.</summary>
[TestClass]
public sealed class CliEnrollmentTests
{
    private const string Password = "Tr0ub4dor&3-ünïcode";

    private static FlaxguardProcess.Result Flax(TempDir dir, string? stdin, params string[] args) =>
        FlaxguardProcess.Run(stdin, [.. args, "--data-dir", dir.Path]);

    private static async Task<(string ApplianceId, byte[] Key)> EnrollWithCli(TempDir dir, int interval = 300)
    {
        var provisioning = dir.File("dongle.json");
        var add = Flax(dir, null, "agent", "add", "dongle", "--interval", interval.ToString(), "--host-url", "http://127.0.0.1:8443", "--out", provisioning);
        Assert.AreEqual(0, add.ExitCode, add.All);
        var json = JsonDocument.Parse(await File.ReadAllTextAsync(provisioning)).RootElement;
        var key = Convert.FromBase64String(json.GetProperty("key").GetString()!);
        Assert.DoesNotContain(json.GetProperty("key").GetString()!, add.All, "the key was printed");
        return (json.GetProperty("applianceId").GetString()!, key);
    }

    [TestMethod]
    public async Task AgentAdd_WritesAPrivateProvisioningFile_Once()
    {
        using var dir = new TempDir("cli-agent");
        var (id, key) = await EnrollWithCli(dir);
        var file = dir.File("dongle.json");
        Assert.AreEqual(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(file));
        Assert.AreEqual(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(dir.File(MasterKey.FileName)));
        Assert.HasCount(32, key);
        var json = JsonDocument.Parse(File.ReadAllText(file)).RootElement;
        Assert.AreEqual("http://127.0.0.1:8443", json.GetProperty("hostUrl").GetString());
        Assert.AreEqual(300, json.GetProperty("intervalSeconds").GetInt32());
        StringAssert.StartsWith(id, "fg-");

        var again = Flax(dir, null, "agent", "add", "other", "--out", file);
        Assert.AreEqual(3, again.ExitCode);
        StringAssert.Contains(again.Stderr, "already exists");
        FlaxguardProcess.AssertNoStackTrace(again);
        var duplicate = Flax(dir, null, "agent", "add", "dongle", "--out", dir.File("x.json"));
        Assert.AreEqual(3, duplicate.ExitCode);
        StringAssert.Contains(duplicate.Stderr, "already exists");
        var badUrl = Flax(dir, null, "agent", "add", "x", "--host-url", "ftp://h", "--out", dir.File("y.json"));
        Assert.AreEqual(3, badUrl.ExitCode);
        StringAssert.Contains(badUrl.Stderr, "--host-url");
    }

    [TestMethod]
    public async Task DeviceAdd_ReadsThePasswordFromStdin_AndNeverShowsOrStoresItInClear()
    {
        using var dir = new TempDir("cli-device");
        await EnrollWithCli(dir);
        var add = Flax(dir, Password + "\n", "device", "add", "office-router", "--address", "192.0.2.1", "--profile", "openwrt", "--user", "root", "--password-stdin");
        Assert.AreEqual(0, add.ExitCode, add.All);
        Assert.DoesNotContain(Password, add.All, "password in output");
        var list = Flax(dir, null, "device", "list");
        Assert.AreEqual(0, list.ExitCode, list.All);
        StringAssert.Contains(list.Stdout, "office-router");
        StringAssert.Contains(list.Stdout, "stored");
        var listJson = Flax(dir, null, "device", "list", "--json");
        Assert.IsFalse(listJson.All.Contains(Password) || listJson.All.Contains("Tr0ub4dor"), "password in list output");

        foreach (var file in Directory.GetFiles(dir.Path))
        {
            var bytes = await File.ReadAllBytesAsync(file);
            Assert.AreEqual(-1, bytes.AsSpan().IndexOf(System.Text.Encoding.UTF8.GetBytes("Tr0ub4dor")), $"password in clear in {file}");
        }

        await using (var store = new SqliteFlaxStore(dir.File("flaxguard.db")))
        {
            var device = (await store.FindDeviceAsync("office-router", CancellationToken.None))!;
            Assert.AreEqual(("root", Password), Enrollment.OpenCredentials(MasterKey.LoadOrCreate(dir.Path), device));
        }

        var argv = Flax(dir, null, "device", "add", "cam", "--address", "192.0.2.64", "--profile", "hikvision", "--user", "admin", "--password", "argv-Secret-77");
        Assert.AreEqual(3, argv.ExitCode, "a password on the command line must be refused");
        StringAssert.Contains(argv.Stderr, "--password-stdin");
        Assert.DoesNotContain("argv-Secret-77", argv.All, "the refused password was echoed");
        var prompt = Flax(dir, "x\n", "device", "add", "cam", "--address", "192.0.2.64", "--profile", "hikvision", "--user", "admin", "--password-prompt");
        Assert.AreEqual(3, prompt.ExitCode);
        StringAssert.Contains(prompt.Stderr, "--password-stdin");
        var profile = Flax(dir, null, "device", "add", "cam", "--address", "192.0.2.64", "--profile", "toaster");
        Assert.AreEqual(3, profile.ExitCode);
        StringAssert.Contains(profile.Stderr, "unknown profile");
        foreach (var engineProfile in FlaxGuard.Engine.Probes.Profiles.ProbeProfiles.Names)
            StringAssert.Contains(profile.Stderr, engineProfile, "every profile an appliance can check is offered");
        var snmp = Flax(dir, null, "device", "add", "cam", "--address", "192.0.2.64", "--profile", "snmp");
        Assert.AreEqual(3, snmp.ExitCode, "no appliance profile runs SNMP yet; enrolling would only ever give 'could not verify'");
        var creds = Flax(dir, null, "device", "add", "cam", "--address", "http://admin:pw@192.0.2.64/", "--profile", "hikvision");
        Assert.AreEqual(3, creds.ExitCode);
        Assert.DoesNotContain("admin:pw", creds.All, "credentials from a URL echoed");
        foreach (var needsLogin in new[] { "openwrt", "routeros", "hikvision", "onvif" })
        {
            Assert.IsTrue(FlaxGuard.Engine.Probes.Profiles.ProbeProfiles.NeedsCredentials(needsLogin), needsLogin);
            var bare = Flax(dir, null, "device", "add", "cam-" + needsLogin, "--address", "192.0.2.64", "--profile", needsLogin);
            Assert.AreEqual(3, bare.ExitCode, $"{needsLogin} without a password: {bare.All}");
            StringAssert.Contains(bare.Stderr, "needs its credentials");
            StringAssert.Contains(bare.Stderr, "--password-prompt");
            var userOnly = Flax(dir, null, "device", "add", "cam-" + needsLogin, "--address", "192.0.2.64", "--profile", needsLogin, "--user", "admin");
            Assert.AreEqual(3, userOnly.ExitCode, $"{needsLogin} with a user but no password");
            FlaxguardProcess.AssertNoStackTrace(bare);
        }
        Assert.DoesNotContain("cam-", Flax(dir, null, "device", "list").Stdout, "nothing was enrolled without credentials");
        foreach (var r in new[] { argv, prompt, profile, creds }) FlaxguardProcess.AssertNoStackTrace(r);

        var unasked = Flax(dir, null, "device", "remove", "office-router");
        Assert.AreEqual(3, unasked.ExitCode, "no terminal to ask and no --yes: nothing is deleted");
        StringAssert.Contains(unasked.Stderr, "--yes");
        StringAssert.Contains(unasked.Stderr, "nothing was deleted");
        FlaxguardProcess.AssertNoStackTrace(unasked);
        StringAssert.Contains(Flax(dir, null, "device", "list").Stdout, "office-router", "still enrolled");
        var remove = Flax(dir, null, "device", "remove", "office-router", "--yes");
        Assert.AreEqual(0, remove.ExitCode, remove.All);
        Assert.AreEqual(3, Flax(dir, null, "device", "remove", "office-router", "--yes").ExitCode);
    }

    [TestMethod]
    public async Task DeviceSet_RotatesThePassword_RenamesAndMoves_WithoutShowingSecrets()
    {
        using var dir = new TempDir("cli-device-set");
        await EnrollWithCli(dir);
        Assert.AreEqual(0, Flax(dir, Password + "\n", "device", "add", "office-router", "--address", "192.0.2.1", "--profile", "openwrt", "--user", "root", "--password-stdin").ExitCode);
        Assert.AreEqual(0, Flax(dir, null, "device", "add", "nas", "--address", "192.0.2.20", "--profile", "web").ExitCode);
        string deviceId;
        await using (var store = new SqliteFlaxStore(dir.File("flaxguard.db")))
            deviceId = (await store.FindDeviceAsync("office-router", CancellationToken.None))!.Id;

        const string rotated = "n3w-Pässword-after-rotation";
        var rotate = Flax(dir, rotated + "\n", "device", "set", "office-router", "--password-stdin");
        Assert.AreEqual(0, rotate.ExitCode, rotate.All);
        StringAssert.Contains(rotate.Stdout, "updated: password");
        Assert.IsFalse(rotate.All.Contains(rotated) || rotate.All.Contains("n3w-P"), "the new password was shown");

        var move = Flax(dir, null, "device", "set", "office-router", "--name", "main-router", "--address", "https://192.0.2.254", "--user", "admin");
        Assert.AreEqual(0, move.ExitCode, move.All);
        StringAssert.Contains(move.Stdout, "name, address, user");
        StringAssert.Contains(move.Stdout, "baseline approve main-router --from-latest");
        await using (var store = new SqliteFlaxStore(dir.File("flaxguard.db")))
        {
            Assert.IsNull(await store.FindDeviceAsync("office-router", CancellationToken.None));
            var device = (await store.FindDeviceAsync("main-router", CancellationToken.None))!;
            Assert.AreEqual(deviceId, device.Id, "the same device keeps its id, so its history stays");
            Assert.AreEqual("https://192.0.2.254", device.Address);
            Assert.AreEqual("openwrt", device.Profile);
            Assert.AreEqual(("admin", rotated), Enrollment.OpenCredentials(MasterKey.LoadOrCreate(dir.Path), device));
        }
        foreach (var file in Directory.GetFiles(dir.Path))
            Assert.AreEqual(-1, (await File.ReadAllBytesAsync(file)).AsSpan().IndexOf(System.Text.Encoding.UTF8.GetBytes("n3w-P")), $"new password in clear in {file}");

        var refused = Flax(dir, null, "device", "set", "main-router", "--no-credentials");
        Assert.AreEqual(3, refused.ExitCode, "an openwrt device cannot be left without its login: " + refused.All);
        StringAssert.Contains(refused.Stderr, "needs its credentials");
        var clear = Flax(dir, null, "device", "set", "main-router", "--no-credentials", "--profile", "web");
        Assert.AreEqual(0, clear.ExitCode, clear.All);
        await using (var store = new SqliteFlaxStore(dir.File("flaxguard.db")))
            Assert.AreEqual(("", ""), Enrollment.OpenCredentials(MasterKey.LoadOrCreate(dir.Path), (await store.FindDeviceAsync("main-router", CancellationToken.None))!));

        var nothing = Flax(dir, null, "device", "set", "main-router");
        Assert.AreEqual(3, nothing.ExitCode);
        StringAssert.Contains(nothing.Stderr, "nothing to change");
        var taken = Flax(dir, null, "device", "set", "main-router", "--name", "nas");
        Assert.AreEqual(3, taken.ExitCode);
        StringAssert.Contains(taken.Stderr, "already exists");
        var unknown = Flax(dir, null, "device", "set", "no-such-box", "--address", "192.0.2.9");
        Assert.AreEqual(3, unknown.ExitCode);
        StringAssert.Contains(unknown.Stderr, "no device named");
        var argv = Flax(dir, null, "device", "set", "main-router", "--password", "argv-Secret-88");
        Assert.AreEqual(3, argv.ExitCode);
        Assert.DoesNotContain("argv-Secret-88", argv.All, "the refused password was echoed");
        var mixed = Flax(dir, null, "device", "set", "main-router", "--no-credentials", "--user", "x");
        Assert.AreEqual(3, mixed.ExitCode);
        var noUser = Flax(dir, "pw\n", "device", "set", "main-router", "--password-stdin");
        Assert.AreEqual(3, noUser.ExitCode, "a password for a device without a user name needs --user");
        StringAssert.Contains(noUser.Stderr, "--user");
        var profile = Flax(dir, null, "device", "set", "main-router", "--profile", "toaster");
        Assert.AreEqual(3, profile.ExitCode);
        foreach (var r in new[] { nothing, taken, unknown, argv, mixed, noUser, profile }) FlaxguardProcess.AssertNoStackTrace(r);
    }

    [TestMethod]
    public async Task BaselineApprove_AndStatusExitCodes_FollowTheReports()
    {
        using var dir = new TempDir("cli-status");
        var missing = Flax(dir, null, "status");
        Assert.AreEqual(3, missing.ExitCode, missing.All);
        StringAssert.StartsWith(missing.Stdout, "FLAXGUARD UNKNOWN");

        var (applianceId, key) = await EnrollWithCli(dir, interval: 60);
        Assert.AreEqual(0, Flax(dir, "pw\n", "device", "add", "office-router", "--address", "192.0.2.1", "--profile", "openwrt", "--user", "root", "--password-stdin").ExitCode);
        var unknown = Flax(dir, null, "status");
        Assert.AreEqual(3, unknown.ExitCode, unknown.All);
        StringAssert.Contains(unknown.Stdout, "no report yet");

        var noProposal = Flax(dir, null, "baseline", "approve", "office-router");
        Assert.AreEqual(3, noProposal.ExitCode);
        StringAssert.Contains(noProposal.Stderr, "no proposed baseline");

        await using var store = new SqliteFlaxStore(dir.File("flaxguard.db"));
        var device = (await store.FindDeviceAsync("office-router", CancellationToken.None))!;
        var counter = 0L;
        async Task Report(bool compromised, long? at = null, long? receivedAt = null) =>
            Assert.AreEqual(IngestStatus.Stored, (await store.StoreReportsAsync(
                [TestReports.Item(TestReports.Make(applianceId, ++counter, device.Id, TestReports.RouterFacts(compromised), at), 1000, receivedAt ?? at ?? TestReports.Now, 0)], CancellationToken.None))[0].Status);

        await Report(compromised: false);
        var approve = Flax(dir, null, "baseline", "approve", "office-router");
        Assert.AreEqual(0, approve.ExitCode, approve.All);
        StringAssert.Contains(approve.Stdout, "approved");
        var show = Flax(dir, null, "baseline", "show", "office-router");
        Assert.AreEqual(0, show.ExitCode, show.All);
        StringAssert.Contains(show.Stdout, "# FlaxGuard baseline v1");
        StringAssert.Contains(show.Stdout, "fw.version 23.05.3");

        await Report(compromised: false);
        var ok = Flax(dir, null, "status");
        Assert.AreEqual(0, ok.ExitCode, ok.All);
        StringAssert.StartsWith(ok.Stdout, "FLAXGUARD OK");

        await Report(compromised: true);
        var critical = Flax(dir, null, "status", "--json");
        Assert.AreEqual(2, critical.ExitCode, critical.All);
        var json = JsonDocument.Parse(critical.Stdout).RootElement;
        Assert.AreEqual("CRITICAL", json.GetProperty("state").GetString());
        Assert.AreEqual("critical", json.GetProperty("devices")[0].GetProperty("worst").GetString());

        // The appliance goes quiet: its last report is older than twice its 60 s interval.
        await Report(compromised: false, at: TestReports.Now + 1, receivedAt: TestReports.Now - 300);
        var stale = Flax(dir, null, "status");
        Assert.AreEqual(1, stale.ExitCode, stale.All);
        StringAssert.Contains(stale.Stdout, "silent");

        var reject = Flax(dir, null, "baseline", "reject", "office-router");
        Assert.AreEqual(3, reject.ExitCode, "nothing proposed any more");
        var fromLatest = Flax(dir, null, "baseline", "approve", "office-router", "--from-latest");
        Assert.AreEqual(0, fromLatest.ExitCode, fromLatest.All);
        _ = key;
        _ = Severity.None;
    }

    [TestMethod]
    public void EveryNewCommand_HasHelpWithAnExample()
    {
        using var dir = new TempDir("cli-help");
        foreach (var command in new[] { "serve", "agent", "agent add", "agent rekey", "agent remove", "device", "device add", "device set", "device list", "device remove", "baseline", "baseline approve", "baseline reject", "baseline show", "status" })
        {
            var r = FlaxguardProcess.Run(null, [.. command.Split(' '), "--help"]);
            Assert.AreEqual(0, r.ExitCode, command);
            StringAssert.Contains(r.Stdout, "Examples:", command);
            StringAssert.Contains(r.Stdout, "flaxguard " + command, command);
        }
    }
}
