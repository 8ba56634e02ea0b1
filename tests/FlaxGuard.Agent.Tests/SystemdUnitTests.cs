using System.Diagnostics;

namespace FlaxGuard.Agent.Tests;

/// <summary>The shipped unit file, checked by systemd's own parser (systemd-analyze verify, Debian package systemd).</summary>
[TestClass]
public sealed class SystemdUnitTests
{
    private static string UnitPath => Path.Combine(AppContext.BaseDirectory, "systemd", "flaxguard-agent.service");

    [TestMethod]
    public void Unit_PassesSystemdAnalyzeVerify()
    {
        var (exit, output) = Verify(File.ReadAllText(UnitPath));
        Assert.AreEqual(0, exit, output);
        Assert.AreEqual("", output.Trim(), "systemd-analyze reported problems");
    }

    [TestMethod]
    public void Verify_CatchesAMisspelledHardeningDirective()
    {
        // Proves the check above can fail: systemd ignores unknown keys at runtime, silently dropping the hardening.
        var (_, output) = Verify(File.ReadAllText(UnitPath).Replace("ProtectSystem=strict", "ProtectSytem=strict"));
        StringAssert.Contains(output, "ProtectSytem");
    }

    [TestMethod]
    [DataRow("Type=simple")]
    [DataRow("DynamicUser=yes")]
    [DataRow("StateDirectory=flaxguard-agent")]
    [DataRow("ProtectSystem=strict")]
    [DataRow("NoNewPrivileges=yes")]
    [DataRow("Restart=on-failure")]
    [DataRow("--state-dir /var/lib/flaxguard-agent")]
    public void Unit_HasTheRequiredSetting(string setting) =>
        Assert.IsTrue(File.ReadAllLines(UnitPath).Any(l => !l.StartsWith('#') && l.Contains(setting, StringComparison.Ordinal)), $"'{setting}' is missing");

    /// <summary>The README's Raspberry Pi steps put the binary, the provisioning file and its group where the unit expects them.</summary>
    [TestMethod]
    public void ReadmePiInstructions_MatchTheUnit()
    {
        var unit = File.ReadAllLines(UnitPath).Where(l => !l.StartsWith('#')).ToList();
        var exec = unit.Single(l => l.StartsWith("ExecStart=", StringComparison.Ordinal))["ExecStart=".Length..].Split(' ');
        var binaryDir = Path.GetDirectoryName(exec[0])!;
        var provisioning = exec[Array.IndexOf(exec, "--provisioning") + 1];
        var group = unit.Single(l => l.StartsWith("Group=", StringComparison.Ordinal))["Group=".Length..];
        Assert.Contains("DynamicUser=yes", unit, "the steps below assume a dynamic user that reads the file through its group");

        var readme = File.ReadAllText(FindReadme());
        var section = readme[readme.IndexOf("## Run on a Raspberry Pi", StringComparison.Ordinal)..];
        section = section[..section.IndexOf("\n## ", 5, StringComparison.Ordinal)];
        StringAssert.Contains(section, $"cp -r out/flaxguard/. {binaryDir}/", "the binary is not installed where ExecStart runs it");
        StringAssert.Contains(section, $"groupadd --system --force {group}");
        StringAssert.Matches(section, new System.Text.RegularExpressions.Regex($@"install -m 06[4]0 -o root -g {group} \S+ {System.Text.RegularExpressions.Regex.Escape(provisioning)}"),
            "the provisioning file must be group-readable by the unit's group (a 0600 root file is unreadable to its dynamic user)");
        StringAssert.Contains(section, "systemctl daemon-reload");
    }

    private static string FindReadme()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "README.md")) && File.Exists(Path.Combine(dir.FullName, "FlaxGuard.sln")))
                return Path.Combine(dir.FullName, "README.md");
        throw new AssertFailedException("README.md not found above " + AppContext.BaseDirectory);
    }

    private static (int Exit, string Output) Verify(string unitText)
    {
        const string tool = "/usr/bin/systemd-analyze";
        if (!File.Exists(tool)) Assert.Fail("systemd-analyze is not installed: apt-get install systemd (tests/run-all.sh installs it)");
        var dir = Path.Combine(Path.GetTempPath(), "fg-unit-" + Guid.NewGuid().ToString("N")[..10]);
        Directory.CreateDirectory(dir);
        try
        {
            // The agent is not installed under /opt here; verify checks that ExecStart exists, so point it at a real binary.
            var path = Path.Combine(dir, "flaxguard-agent.service");
            File.WriteAllText(path, unitText.Replace("/opt/flaxguard/flaxguard ", "/usr/bin/true "));
            var info = new ProcessStartInfo(tool) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
            info.ArgumentList.Add("verify");
            info.ArgumentList.Add(path);
            using var process = Process.Start(info)!;
            var stdout = process.StandardOutput.ReadToEndAsync();
            var stderr = process.StandardError.ReadToEndAsync();
            if (!process.WaitForExit(TimeSpan.FromSeconds(60)))
            {
                process.Kill();
                Assert.Fail("systemd-analyze verify did not finish in 60 s");
            }
            return (process.ExitCode, stdout.Result + stderr.Result);
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }
}
