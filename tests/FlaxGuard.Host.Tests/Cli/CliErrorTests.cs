namespace FlaxGuard.Host.Tests.Cli;

[TestClass]
public sealed class CliErrorTests
{
    [TestMethod]
    [DataRow("300.1.2.3", "is not an IP address or host name")]
    [DataRow("0.0.0.0", "not the address of a single device")]
    [DataRow("ftp://192.0.2.1/", "is not an http:// or https:// address")]
    [DataRow("http://admin:secret@192.0.2.1/", "never takes credentials")]
    [DataRow("bad host!", "is not an IP address or host name")]
    public void BadAddresses_GiveOneClearLine_AndUnknown(string address, string message)
    {
        var r = FlaxguardProcess.Run("check", address);
        Assert.AreEqual(3, r.ExitCode, r.All);
        StringAssert.Contains(r.Stderr, message);
        Assert.DoesNotContain("secret", r.All, "a password typed on the command line must not be echoed");
        FlaxguardProcess.AssertNoStackTrace(r);
    }

    [TestMethod]
    [DataRow("--ports", "70000", "is not a port number")]
    [DataRow("--ports", "30-20", "runs backwards")]
    [DataRow("--timeout", "5", "--timeout must be between")]
    [DataRow("--paths", "js/app.js", "must start with '/'")]
    public void BadOptions_GiveOneClearLine(string option, string value, string message)
    {
        var r = FlaxguardProcess.Run("check", "127.0.0.1", option, value);
        Assert.AreEqual(3, r.ExitCode, r.All);
        StringAssert.Contains(r.Stderr, message);
        FlaxguardProcess.AssertNoStackTrace(r);
    }

    [TestMethod]
    public void MissingArgument_AndUnknownCommand_PointToHelp()
    {
        foreach (var args in new[] { new[] { "check" }, new[] { "frobnicate" } })
        {
            var r = FlaxguardProcess.Run(args);
            Assert.AreEqual(3, r.ExitCode, r.All);
            StringAssert.Contains(r.Stderr, "--help");
            FlaxguardProcess.AssertNoStackTrace(r);
        }
    }

    [TestMethod]
    public void MissingDirectoryAndDamagedBaselines_AreExplained()
    {
        var dir = Path.Combine(Path.GetTempPath(), "flaxguard-tests", "cli-" + Guid.NewGuid().ToString("n"));
        Directory.CreateDirectory(dir);
        var damaged = Path.Combine(dir, "damaged.baseline");
        File.WriteAllText(damaged, "# FlaxGuard baseline v1\ndevice 127.0.0.1\ncreated 1\ndigest 00\nfact exposure net.tcp.23 open\n");
        var binary = Path.Combine(dir, "binary.baseline");
        File.WriteAllBytes(binary, [0xFF, 0xFE, 0x00, 0xC3]);

        (string Path, string Message)[] cases =
        [
            (Path.Combine(dir, "absent.baseline"), "does not exist"),
            (dir, "is a directory"),
            (damaged, "the file was altered or damaged"),
            (binary, "not text"),
        ];
        foreach (var (path, message) in cases)
        {
            var r = FlaxguardProcess.Run("check", "127.0.0.1", "--baseline", path);
            Assert.AreEqual(3, r.ExitCode, r.All);
            StringAssert.Contains(r.Stderr, message);
            FlaxguardProcess.AssertNoStackTrace(r);
        }
    }

    [TestMethod]
    public void RootHelp_ListsEachCommandOnOneLine_AndCommandHelpKeepsItsDetails()
    {
        var root = FlaxguardProcess.Run("--help");
        Assert.AreEqual(0, root.ExitCode);
        Assert.DoesNotContain("flaxguard check 192.0.2.1", root.Stdout, "the root list must not carry each command's examples");
        var check = FlaxguardProcess.Run("check", "--help");
        StringAssert.Contains(check.Stdout, "Exit codes follow monitoring plugins");
        StringAssert.Contains(check.Stdout, "flaxguard check 192.0.2.1 --baseline router.baseline");
    }

    [TestMethod]
    [DataRow(new string[0], "flaxguard demo")]
    [DataRow(new[] { "check" }, "Examples:")]
    [DataRow(new[] { "demo" }, "Example:")]
    public void Help_TeachesWithExamples(string[] command, string expected)
    {
        var r = FlaxguardProcess.Run([.. command, "--help"]);
        Assert.AreEqual(0, r.ExitCode, r.All);
        StringAssert.Contains(r.Stdout, expected);
    }
}
