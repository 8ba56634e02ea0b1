using System.Diagnostics;
using System.Net;
using FlaxGuard.Engine.FactoryPasswords;
using FlaxGuard.Engine.Verdicts;
using FlaxGuard.Lab.Twins.Hikvision;
using FlaxGuard.Platform;
using FlaxGuard.Probes.Tests.Fixtures;
using FlaxGuard.Probes.Tests.HttpAuth;

namespace FlaxGuard.Probes.Tests.FactoryPasswords;

/// <summary>
/// The opt-in factory-password check against real logins: busybox telnetd with busybox login (a network namespace,
/// its own passwd and shadow bind-mounted there only), apache2 with Basic and Digest, and the Hikvision twin, whose
/// "illegal login lock" must stop the check before it locks the owner out. No tried password may appear in the verdict.
/// </summary>
[TestClass]
public sealed class FactoryPasswordCheckTests
{
    private static DirectoryKeyValueStore NewStore(out string dir)
    {
        dir = Directory.CreateTempSubdirectory("fg-fpw-").FullName;
        return new DirectoryKeyValueStore(dir);
    }

    [TestMethod]
    [Timeout(120_000, CooperativeCancellation = true)]
    public void Telnet_BusyboxLoginWithAMiraiPassword_IsCritical()
    {
        var busybox = DebianTool.Require("busybox", "busybox-static");
        var openssl = DebianTool.Require("openssl", "openssl");
        using var ns = NetworkNamespace.Create("fpwtel");
        var dir = Directory.CreateTempSubdirectory("fg-telnetd-").FullName;
        try
        {
            // admin/admin: the fourth pair of Mirai's table for a device without a family default.
            var hash = DebianTool.Run(openssl, ["passwd", "-6", "-salt", "fgsalt", "-stdin"], stdin: "admin\n").Stdout.Trim();
            File.WriteAllText(Path.Combine(dir, "passwd"), "root:x:0:0:root:/root:/bin/sh\nadmin:x:1000:1000:admin:/tmp:/bin/sh\n");
            File.WriteAllText(Path.Combine(dir, "shadow"), $"root:!:19000:0:99999:7:::\nadmin:{hash}:19000:0:99999:7:::\n");
            File.CreateSymbolicLink(Path.Combine(dir, "login"), busybox);
            var script = $"mount --bind '{dir}/passwd' /etc/passwd && mount --bind '{dir}/shadow' /etc/shadow && exec '{busybox}' telnetd -F -p 23 -l '{dir}/login'";
            using var telnetd = RealProcess.Start("sh", ["-c", script], ns.Name);
            telnetd.WaitForTcp(ns.DeviceAddress, 23);

            var store = NewStore(out var storeDir);
            var check = new FactoryPasswordCheck(store, SystemClock.Instance);
            var watch = Stopwatch.StartNew();
            var verdicts = check.Run("telnet-dvr", "web", [new TelnetLoginMethod(new SocketTcpConnector(), SystemClock.Instance, ns.DeviceAddress.ToString(), 23, 8000)]);
            Console.WriteLine($"telnet factory-password check: {check.Attempts} attempts, {watch.ElapsedMilliseconds} ms, stopped: {check.StoppedBecause}");
            Assert.AreEqual("accepted", check.StoppedBecause, verdicts[0].Message + "\n" + telnetd.Output);
            Assert.AreEqual(4, check.Attempts);
            Assert.AreEqual(Severity.Critical, verdicts[0].Severity);
            Assert.AreEqual(FactoryPasswordCheck.Code, verdicts[0].Code);
            StringAssert.Contains(verdicts[0].Message, "a factory default password for");
            StringAssert.Contains(verdicts[0].Message, "every Mirai variant");
            AssertNoCredential(verdicts, "xc3511", "vizxv", "admin");
            Directory.Delete(storeDir, true);
        }
        finally
        {
            try { Directory.Delete(dir, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
        }
    }

    [TestMethod]
    [DataRow("/basic/System/deviceInfo")]
    [DataRow("/ISAPI/System/deviceInfo")]
    [Timeout(60_000, CooperativeCancellation = true)]
    public void Http_ApacheBasicAndDigestWithAMiraiPassword_IsCritical(string path)
    {
        // root/xmhdipc: the sixth pair of Mirai's table.
        using var apache = ApacheAuthServer.Start("root", "xmhdipc");
        var store = NewStore(out var storeDir);
        using var http = new HttpClientTransport();
        var check = new FactoryPasswordCheck(store, SystemClock.Instance);
        var watch = Stopwatch.StartNew();
        var verdicts = check.Run("apache-cam", "web", [new HttpLoginMethod(http, SecureRandomSource.Instance, apache.Origin + path, 5000)]);
        Console.WriteLine($"http factory-password check ({path}): {check.Attempts} attempts, {watch.ElapsedMilliseconds} ms");
        Assert.AreEqual("accepted", check.StoppedBecause, verdicts[0].Message);
        Assert.AreEqual(6, check.Attempts);
        Assert.AreEqual(Severity.Critical, verdicts[0].Severity);
        AssertNoCredential(verdicts, "xmhdipc", "root");
        foreach (var line in apache.LoggedRequests()) Assert.IsFalse(line.Contains("xmhdipc", StringComparison.Ordinal), line);
        Directory.Delete(storeDir, true);
    }

    [TestMethod]
    [Timeout(60_000, CooperativeCancellation = true)]
    public async Task Hikvision_LockoutTwin_StopsTheCheckBeforeTheLock_AndTheBudgetHoldsForTheDay()
    {
        await using var twin = await HikvisionTwin.StartAsync(IPAddress.Parse($"127.73.{Environment.ProcessId % 250}.9"), 0, "admin", "Owner-Str0ng-pass", CancellationToken.None);
        var store = NewStore(out var storeDir);
        using var http = new HttpClientTransport();
        var origin = twin.BaseUri.ToString().TrimEnd('/');
        var check = new FactoryPasswordCheck(store, SystemClock.Instance) { AttemptsPerDay = 20 };
        var method = new HttpLoginMethod(http, SecureRandomSource.Instance, HttpLoginMethod.LoginUrl(origin, "hikvision"), 5000);
        var watch = Stopwatch.StartNew();
        var verdicts = check.Run("hik-cam", "hikvision", [method]);
        Console.WriteLine($"hikvision lockout twin: {check.Attempts} attempts, {watch.ElapsedMilliseconds} ms, {twin.Digest.FailedLogins} failed logins counted by the twin");
        Assert.AreEqual("lockout", check.StoppedBecause, verdicts[0].Message);
        Assert.IsTrue(verdicts[0].IsUnverified, verdicts[0].Message);
        // The twin locks at 7 failures; the check stops while 2 are left, so the owner can still log in.
        Assert.IsLessThan(twin.Digest.LockThreshold, twin.Digest.FailedLogins);
        Assert.IsLessThanOrEqualTo(twin.Digest.LockThreshold - HttpLoginMethod.RetriesFloor, check.Attempts);
        var owner = new HttpLoginMethod(http, SecureRandomSource.Instance, HttpLoginMethod.LoginUrl(origin, "hikvision"), 5000);
        Assert.AreEqual(FactoryLogin.Accepted, owner.Try("admin", "Owner-Str0ng-pass"), "the check locked the owner out");

        // Same day: the budget is spent after a lockout, nothing more is tried.
        var again = new FactoryPasswordCheck(store, SystemClock.Instance) { AttemptsPerDay = 20 };
        var failedBefore = twin.Digest.FailedLogins;
        again.Run("hik-cam", "hikvision", [method]);
        Assert.AreEqual("budget", again.StoppedBecause);
        Assert.AreEqual(0, again.Attempts);
        Assert.AreEqual(failedBefore, twin.Digest.FailedLogins);
        Directory.Delete(storeDir, true);
    }

    [TestMethod]
    public void Table_HoldsMiraisPairsDecoded_AndTheFamilyDefaultFirst()
    {
        Assert.AreEqual(61, FactoryCredentials.MiraiCount);
        var hik = FactoryCredentials.For("hikvision");
        CollectionAssert.AreEqual(new[] { "admin", "12345", "Hikvision" }, hik[0]);
        var web = FactoryCredentials.For("web");
        CollectionAssert.AreEqual(new[] { "root", "xc3511" }, web[0][..2]);
        CollectionAssert.AreEqual(new[] { "root", "vizxv" }, web[1][..2]);
        // table.c's key 0xdeadbeef: "\x50\x4D\x4D\x56" is "root" after XOR with 0x22.
        Assert.AreEqual("root", new string("\x50\x4D\x4D\x56".Select(c => (char)(c ^ 0xDE ^ 0xAD ^ 0xBE ^ 0xEF)).ToArray()));
        var routeros = FactoryCredentials.For("routeros");
        Assert.AreEqual(1, routeros.Count(e => e[0] == "admin" && e[1] == ""), "a pair is tried once");
    }

    private static void AssertNoCredential(Verdict[] verdicts, params string[] secrets)
    {
        foreach (var v in verdicts)
            foreach (var s in secrets)
                Assert.IsFalse(System.Text.RegularExpressions.Regex.IsMatch(v.Message, $@"\b{s}\b"), $"'{s}' in: {v.Message}");
    }
}

/// <summary><c>flaxguard device factory-check</c> as a child process on an enrolled device behind apache2 Basic auth.</summary>
[TestClass]
public sealed class FactoryCheckCliTests
{
    [TestMethod]
    [Timeout(120_000, CooperativeCancellation = true)]
    public void FactoryCheck_OnAnEnrolledDevice_IsCritical_NamesNoPassword_AndKeepsToItsBudget()
    {
        using var apache = ApacheAuthServer.Start("root", "xmhdipc");
        var data = Directory.CreateTempSubdirectory("fg-fpw-cli-").FullName;
        try
        {
            var cli = Path.Combine(AppContext.BaseDirectory, "flaxguard.dll");
            (int Code, string Out) Flax(params string[] args)
            {
                var (code, stdout, stderr) = DebianTool.Run("dotnet", [cli, .. args, "--data-dir", data], 60_000);
                return (code, stdout + stderr);
            }
            Assert.AreEqual(0, Flax("agent", "add", "dongle", "--host-url", "http://127.0.0.1:8443", "--out", Path.Combine(data, "dongle.json")).Code);
            var add = Flax("device", "add", "cam", "--address", apache.Origin + "/basic/System/deviceInfo", "--profile", "web");
            Assert.AreEqual(0, add.Code, add.Out);
            // Off by default: nothing is tried on a device nobody opted in.
            var refused = Flax("device", "factory-check", "cam", "--via", "http");
            Assert.AreNotEqual(0, refused.Code, refused.Out);
            StringAssert.Contains(refused.Out, "--factory-check on");
            Assert.IsEmpty(apache.LoggedRequests(), "a device not opted in was contacted");
            var optIn = Flax("device", "set", "cam", "--factory-check", "on");
            Assert.AreEqual(0, optIn.Code, optIn.Out);
            var list = Flax("device", "list", "--json");
            StringAssert.Contains(list.Out, "\"factoryCheck\": true");

            var first = Flax("device", "factory-check", "cam", "--via", "http");
            Assert.AreEqual(2, first.Code, first.Out);
            StringAssert.Contains(first.Out, "a factory default password for");
            Assert.IsFalse(first.Out.Contains("xmhdipc", StringComparison.Ordinal), first.Out);
            Assert.IsFalse(first.Out.Contains("   at ", StringComparison.Ordinal), first.Out);

            // Six attempts were spent today; with a budget of six nothing more is tried.
            var again = Flax("device", "factory-check", "cam", "--via", "http", "--attempts-per-day", "6");
            Assert.AreEqual(3, again.Code, again.Out);
            StringAssert.Contains(again.Out, "today's 6 attempts for this device are used up");
            foreach (var line in apache.LoggedRequests()) Assert.IsFalse(line.Contains("xmhdipc", StringComparison.Ordinal), line);
        }
        finally
        {
            try { Directory.Delete(data, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
        }
    }
}
