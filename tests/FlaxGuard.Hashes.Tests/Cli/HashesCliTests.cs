using System.Diagnostics;
using System.Text.RegularExpressions;

namespace FlaxGuard.Hashes.Tests.Cli;

/// <summary>The <c>flaxguard hashes</c> commands, run as the real built tool in a child process.</summary>
[TestClass]
public sealed class HashesCliTests
{
    /// <summary>Output with line breaks and runs of spaces collapsed: tables and wrapped lines compare as text.</summary>
    private sealed record Result(int ExitCode, string Stdout, string Stderr)
    {
        public string All => Stdout + Stderr;
    }

    private static string Flat(string text) => Regex.Replace(text, @"\s+", " ");

    private static Result Flaxguard(params string[] args)
    {
        var info = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        info.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "flaxguard.dll"));
        foreach (var a in args) info.ArgumentList.Add(a);
        info.Environment["COLUMNS"] = "250";
        using var process = Process.Start(info)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(TimeSpan.FromSeconds(90)))
        {
            process.Kill(entireProcessTree: true);
            Assert.Fail($"flaxguard {string.Join(' ', args)} did not finish within 90 s");
        }
        var result = new Result(process.ExitCode, Flat(stdout.Result), Flat(stderr.Result));
        Assert.DoesNotContain("   at ", result.All, "no stack traces for users");
        return result;
    }

    [TestMethod]
    public void ImportOpenWrt_IsIdempotentAndCheckImageTellsPublishedFromUnknown()
    {
        using var dir = new TestPaths.TempDir();
        var data = Directory.CreateDirectory(dir.File("hashes")).FullName;
        var key = dir.File("data.key");
        Assert.AreEqual(0, Flaxguard("hashes", "keygen", "--out", key).ExitCode);

        var first = Flaxguard("hashes", "import-openwrt", TestPaths.TestData("openwrt"), "--dir", data, "--via", "test excerpt");
        Assert.AreEqual(0, first.ExitCode, first.All);
        StringAssert.Contains(first.Stdout, "OpenWrt 23.05.5 (r24106-10cc5fcd00)");
        StringAssert.Contains(first.Stdout, "Added 21 row(s)");
        var table = Path.Combine(data, "known-good", "openwrt.tsv");
        var afterFirst = File.ReadAllText(table);
        StringAssert.Contains(afterFirst, "# OpenWrt 23.05.5 version_code r24106-10cc5fcd00 via test excerpt");
        var again = Flaxguard("hashes", "import-openwrt", TestPaths.TestData("openwrt"), "--dir", data, "--via", "test excerpt");
        Assert.AreEqual(0, again.ExitCode, again.All);
        StringAssert.Contains(again.Stdout, "Added 0 row(s)");
        Assert.AreEqual(afterFirst, File.ReadAllText(table), "a second import changes nothing");

        // TEST DATA (made up for this test): an "image" whose hash we add as a published row by hand, signed with a test key.
        var image = dir.File("openwrt-test-sysupgrade.bin");
        File.WriteAllBytes(image, System.Text.Encoding.ASCII.GetBytes("not firmware, only a file with a known hash\n"));
        var imageHash = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(File.ReadAllBytes(image)));
        File.AppendAllText(table, $"OpenWrt\ttest,board\t23.05.5\topenwrt-test-sysupgrade.bin\t{imageHash}\thttps://downloads.example.invalid/profiles.json\n");
        Assert.AreEqual(0, Flaxguard("hashes", "sign", "--key", key, "--dir", data).ExitCode);

        var published = Flaxguard("hashes", "check-image", image, "--dir", data, "--public-key", key + ".pub");
        Assert.AreEqual(0, published.ExitCode, published.All);
        StringAssert.Contains(published.Stdout, "PUBLISHED: OpenWrt 23.05.5 image openwrt-test-sysupgrade.bin, for test,board");
        var wrongBoard = Flaxguard("hashes", "check-image", image, "--board", "tplink,archer-c7-v2", "--dir", data, "--public-key", key + ".pub");
        Assert.AreEqual(1, wrongBoard.ExitCode, wrongBoard.All);
        StringAssert.Contains(wrongBoard.Stdout, "WRONG BOARD");

        var other = dir.File("custom.bin");
        File.WriteAllText(other, "a custom build");
        var unknown = Flaxguard("hashes", "check-image", other, "--dir", data, "--public-key", key + ".pub");
        Assert.AreEqual(3, unknown.ExitCode, unknown.All);
        StringAssert.Contains(unknown.Stdout, "NOT KNOWN");

        // Data changed after signing: no judgement at all.
        File.AppendAllText(table, $"OpenWrt\tx,y\t23.05.5\tforged.bin\t{Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(File.ReadAllBytes(other)))}\thttps://downloads.example.invalid/p.json\n");
        var forged = Flaxguard("hashes", "check-image", other, "--dir", data, "--public-key", key + ".pub");
        Assert.AreEqual(2, forged.ExitCode, forged.All);
        StringAssert.Contains(forged.Stderr, "REFUSED");
    }

    [TestMethod]
    public void KeygenImportSignVerifyCompileLookup_EndToEnd()
    {
        using var dir = new TestPaths.TempDir();
        var data = Directory.CreateDirectory(dir.File("hashes")).FullName;
        var key = dir.File("data.key");
        var applianceKey = dir.File("appliance.key");
        File.WriteAllText(applianceKey, Convert.ToHexString(new byte[32].Select((_, i) => (byte)(i * 7)).ToArray()));

        var keygen = Flaxguard("hashes", "keygen", "--out", key);
        Assert.AreEqual(0, keygen.ExitCode, keygen.All);
        var privateBase64 = File.ReadAllLines(key)[1];
        Assert.DoesNotContain(privateBase64, keygen.All, "the private key is never printed");
        if (!OperatingSystem.IsWindows()) Assert.AreEqual(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(key));
        Assert.AreNotEqual(0, Flaxguard("hashes", "keygen", "--out", key).ExitCode, "an existing key is not replaced without --force");

        var kev = Flaxguard("hashes", "import", "kev", TestPaths.TestData("kev", "known_exploited_vulnerabilities.json"), "--dir", data);
        Assert.AreEqual(0, kev.ExitCode, kev.All);
        StringAssert.Contains(kev.Stdout, "68 about routers, cameras, NVRs or NAS devices");

        var sums = dir.File("sha256sums");
        File.WriteAllText(sums, new string('a', 64) + " *openwrt-23.05.3-ath79-generic-tplink_archer-c7-v2-squashfs-sysupgrade.bin\n");
        var openwrt = Flaxguard("hashes", "import", "openwrt-sha256sums", sums, "--dir", data, "--version", "23.05.3", "--target", "ath79/generic",
            "--source", "https://downloads.example.invalid/releases/23.05.3/targets/ath79/generic/sha256sums");
        Assert.AreEqual(0, openwrt.ExitCode, openwrt.All);

        var unsigned = Flaxguard("hashes", "verify", "--dir", data, "--public-key", key + ".pub");
        Assert.AreEqual(2, unsigned.ExitCode, unsigned.All);
        StringAssert.Contains(unsigned.Stderr, "not signed");

        Assert.AreEqual(0, Flaxguard("hashes", "sign", "--key", key, "--dir", data).ExitCode);
        var verified = Flaxguard("hashes", "verify", "--dir", data, "--public-key", key + ".pub");
        Assert.AreEqual(0, verified.ExitCode, verified.All);
        var releaseKey = Flaxguard("hashes", "verify", "--dir", data);
        Assert.AreEqual(2, releaseKey.ExitCode, "our own key is not the pinned release key");
        StringAssert.Contains(releaseKey.Stderr, "not a trusted key");

        var db = dir.File("firmware.db");
        var compile = Flaxguard("hashes", "compile", "--dir", data, "--public-key", key + ".pub", "--appliance-key", applianceKey, "--out", db);
        Assert.AreEqual(0, compile.ExitCode, compile.All);
        StringAssert.Contains(compile.Stdout, "1 artifact hash(es)");

        var lookup = Flaxguard("hashes", "lookup", "--db", db, "--appliance-key", applianceKey,
            "--vendor", "OpenWrt", "--model", "tplink_archer-c7-v2", "--version", "23.05.3", "--sha256", new string('a', 64));
        Assert.AreEqual(0, lookup.ExitCode, lookup.All);
        StringAssert.Contains(lookup.Stdout, "firmware.known-good");
        Assert.IsTrue(Regex.IsMatch(lookup.Stdout, @"\d+ storage read\(s\)"), lookup.Stdout);

        // The provisioning file agent add writes works as the key, and lookup answers with monitoring exit codes.
        var provisioning = dir.File("dongle.json");
        File.WriteAllText(provisioning, "{\"hostUrl\":\"https://192.0.2.10:8443\",\"applianceId\":\"dongle-1\",\"key\":\"" +
            Convert.ToBase64String(Convert.FromHexString(File.ReadAllText(applianceKey))) + "\"}");
        var viaProvisioning = Flaxguard("hashes", "lookup", "--db", db, "--appliance-key", provisioning,
            "--vendor", "OpenWrt", "--model", "tplink_archer-c7-v2", "--version", "23.05.3", "--sha256", new string('a', 64));
        Assert.AreEqual(0, viaProvisioning.ExitCode, viaProvisioning.All);
        var unknown = Flaxguard("hashes", "lookup", "--db", db, "--appliance-key", provisioning, "--vendor", "OpenWrt", "--model", "tplink_archer-c7-v2", "--version", "99.1");
        Assert.AreEqual(3, unknown.ExitCode, "a firmware the data cannot vouch for is UNKNOWN, never OK: " + unknown.All);
        var exploited = Flaxguard("hashes", "lookup", "--db", db, "--appliance-key", provisioning, "--vendor", "Zyxel", "--model", "NAS326", "--version", "V5.21(AAZF.13)C0");
        // KEV names Zyxel products without versions: the data cannot say this firmware is exploited, so no critical verdict
        // for every Zyxel device; it cannot vouch for the firmware either (UNKNOWN), and says to check the advisory.
        Assert.AreEqual(3, exploited.ExitCode, exploited.All);
        StringAssert.Contains(exploited.Stdout, "firmware.exploited-range-unknow");
        Assert.DoesNotContain("critical", exploited.Stdout);
        File.WriteAllText(provisioning, "{\"hostUrl\":\"ftp://x\"}");
        var badProvisioning = Flaxguard("hashes", "lookup", "--db", db, "--appliance-key", provisioning, "--sha256", new string('a', 64));
        Assert.AreEqual(3, badProvisioning.ExitCode);
        StringAssert.Contains(badProvisioning.Stderr, "not a usable provisioning file");

        var stats = Flaxguard("hashes", "stats", "--dir", data, "--db", db, "--appliance-key", applianceKey);
        Assert.AreEqual(0, stats.ExitCode, stats.All);
        StringAssert.Contains(stats.Stdout, "known-good OpenWrt");

        File.AppendAllText(Path.Combine(data, "known-exploited.tsv"), "# a comment added after signing\n");
        var altered = Flaxguard("hashes", "verify", "--dir", data, "--public-key", key + ".pub");
        Assert.AreEqual(2, altered.ExitCode);
        StringAssert.Contains(altered.Stderr, "known-exploited.tsv' was altered after signing");
        var refusedCompile = Flaxguard("hashes", "compile", "--dir", data, "--public-key", key + ".pub", "--appliance-key", applianceKey, "--out", db + "2");
        Assert.AreEqual(3, refusedCompile.ExitCode);
        Assert.IsFalse(File.Exists(db + "2"));

        var wrongAppliance = dir.File("other.key");
        File.WriteAllText(wrongAppliance, new string('1', 64));
        var wrong = Flaxguard("hashes", "lookup", "--db", db, "--appliance-key", wrongAppliance, "--sha256", new string('a', 64));
        Assert.AreEqual(3, wrong.ExitCode);
        StringAssert.Contains(wrong.Stderr, "authenticated for another appliance");
    }

    [TestMethod]
    public void RepositoryData_VerifiesWithTheBuiltInReleaseKey()
    {
        var result = Flaxguard("hashes", "verify", "--dir", Path.Combine(TestPaths.RepositoryRoot(), "hashes"));

        Assert.AreEqual(0, result.ExitCode, result.All);
        StringAssert.Contains(result.Stdout, "9feb061cd721c40e");
    }

    [TestMethod]
    public void Help_ShowsExamples_AndBadInputIsOneClearLine()
    {
        foreach (var sub in new[] { "keygen", "sign", "verify", "import", "compile", "stats", "lookup" })
        {
            var help = Flaxguard("hashes", sub, "--help");
            Assert.AreEqual(0, help.ExitCode, sub);
            StringAssert.Contains(help.Stdout, "Example", sub);
        }
        var badKind = Flaxguard("hashes", "import", "nonsense", "/etc/hostname");
        Assert.AreEqual(3, badKind.ExitCode);
        StringAssert.Contains(badKind.Stderr, "unknown import kind");
        var noKey = Flaxguard("hashes", "sign", "--key", "/nonexistent/key");
        Assert.AreEqual(3, noKey.ExitCode);
    }
}
