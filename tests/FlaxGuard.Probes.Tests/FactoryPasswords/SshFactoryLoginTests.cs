using System.Diagnostics;
using FlaxGuard.Engine.FactoryPasswords;
using FlaxGuard.Engine.Verdicts;
using FlaxGuard.Platform;
using FlaxGuard.Probes.Tests.Fixtures;

namespace FlaxGuard.Probes.Tests.FactoryPasswords;

/// <summary>
/// The agent's SSH logins (SSH.NET) against Debian's real sshd in a network namespace, whose passwd and shadow are
/// bind-mounted there only: a user "admin" with the factory password "admin" (Mirai's fourth pair). Password
/// authentication (sshd without PAM) and keyboard-interactive (sshd through PAM's pam_unix) must both find it; a closed
/// SSH port costs no attempt; sshd's own log must not hold a tried password.
/// </summary>
[TestClass]
public sealed class SshFactoryLoginTests
{
    [TestMethod]
    [DataRow("password")]
    [DataRow("keyboard-interactive")]
    [Timeout(180_000, CooperativeCancellation = true)]
    public void Sshd_WithAFactoryPassword_IsCritical_OverEitherPasswordMethod(string method)
    {
        var sshd = DebianTool.Require("sshd", "openssh-server");
        var keygen = DebianTool.Require("ssh-keygen", "openssh-client");
        var openssl = DebianTool.Require("openssl", "openssl");
        using var ns = NetworkNamespace.Create("fpwssh");
        var dir = Directory.CreateTempSubdirectory("fg-fpw-sshd-").FullName;
        try
        {
            var key = Path.Combine(dir, "host_ed25519");
            Assert.AreEqual(0, DebianTool.Run(keygen, ["-q", "-t", "ed25519", "-N", "", "-f", key]).ExitCode);
            var hash = DebianTool.Run(openssl, ["passwd", "-6", "-salt", "fgsalt", "-stdin"], stdin: "admin\n").Stdout.Trim();
            File.WriteAllText(Path.Combine(dir, "passwd"), "root:x:0:0:root:/root:/bin/sh\nsshd:x:100:65534::/run/sshd:/usr/sbin/nologin\nadmin:x:1000:1000:admin:/tmp:/bin/sh\n");
            File.WriteAllText(Path.Combine(dir, "shadow"), $"root:!:19000:0:99999:7:::\nsshd:!:19000:0:99999:7:::\nadmin:{hash}:19000:0:99999:7:::\n");
            var kbd = method == "keyboard-interactive";
            File.WriteAllText(Path.Combine(dir, "sshd_config"), $"""
                Port 22
                ListenAddress {ns.DeviceAddress}
                HostKey {key}
                PidFile {Path.Combine(dir, "sshd.pid")}
                UsePAM {(kbd ? "yes" : "no")}
                PasswordAuthentication {(kbd ? "no" : "yes")}
                KbdInteractiveAuthentication {(kbd ? "yes" : "no")}
                PubkeyAuthentication no
                PermitRootLogin no
                StrictModes no
                LogLevel VERBOSE
                """);
            Directory.CreateDirectory("/run/sshd");
            var script = $"mount --bind '{dir}/passwd' /etc/passwd && mount --bind '{dir}/shadow' /etc/shadow && exec '{sshd}' -D -e -f '{dir}/sshd_config'";
            using var server = RealProcess.Start("sh", ["-c", script], ns.Name);
            server.WaitForTcp(ns.DeviceAddress, 22);

            var store = new DirectoryKeyValueStore(Path.Combine(dir, "budget"));
            var check = new FactoryPasswordCheck(store, SystemClock.Instance) { AttemptsPerDay = 20 };
            var logins = new SshFactoryLogins(22).For(ns.DeviceAddress.ToString(), "web");
            var watch = Stopwatch.StartNew();
            var verdicts = check.Run("ssh-dvr-" + method, "web", logins);
            Console.WriteLine($"sshd ({method}) factory-password check: {check.Attempts} attempts, {watch.ElapsedMilliseconds} ms, stopped: {check.StoppedBecause}");
            Assert.AreEqual("accepted", check.StoppedBecause, verdicts[0].Message + "\n" + server.Output);
            Assert.AreEqual(4, check.Attempts, "root/xc3511, root/vizxv, root/admin refused, then admin/admin");
            Assert.AreEqual(Severity.Critical, verdicts[0].Severity);
            StringAssert.Contains(verdicts[0].Message, "over ssh");
            foreach (var secret in new[] { "xc3511", "vizxv" })
            {
                Assert.IsFalse(verdicts[0].Message.Contains(secret, StringComparison.Ordinal));
                Assert.IsFalse(server.Output.Contains(secret, StringComparison.Ordinal), "sshd logged a tried password");
            }
        }
        finally
        {
            try { Directory.Delete(dir, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
        }
    }

    [TestMethod]
    [Timeout(60_000, CooperativeCancellation = true)]
    public void ClosedSshPort_CostsNoAttempt()
    {
        using var ns = NetworkNamespace.Create("fpwnossh");
        var store = new DirectoryKeyValueStore(Directory.CreateTempSubdirectory("fg-fpw-nossh-").FullName);
        var check = new FactoryPasswordCheck(store, SystemClock.Instance);
        var verdicts = check.Run("no-ssh", "web", new SshFactoryLogins(22, 3000).For(ns.DeviceAddress.ToString(), "web"));
        Assert.AreEqual("done", check.StoppedBecause, verdicts[0].Message);
        Assert.AreEqual(0, check.Attempts);
        Assert.AreEqual(Severity.None, verdicts[0].Severity);
        Assert.AreEqual(FactoryPasswordCheck.Code + ".no-login", verdicts[0].Code);
    }
}
