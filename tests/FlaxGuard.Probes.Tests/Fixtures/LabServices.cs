namespace FlaxGuard.Probes.Tests.Fixtures;

/// <summary>
/// Real services a compromised or sloppy device exposes, started inside a test's network namespace:
/// OpenSSH's sshd (openssh-server) and BusyBox's telnetd (busybox-static) greeting with a login prompt
/// from a script that never logs anyone in.
/// </summary>
public static class LabServices
{
    public static RealProcess StartSshd(NetworkNamespace ns, int port = 22)
    {
        var sshd = DebianTool.Require("sshd", "openssh-server");
        var keygen = DebianTool.Require("ssh-keygen", "openssh-client");
        var dir = Directory.CreateTempSubdirectory("flaxguard-sshd-").FullName;
        var key = Path.Combine(dir, "host_ed25519");
        var (code, _, err) = DebianTool.Run(keygen, ["-q", "-t", "ed25519", "-N", "", "-f", key]);
        Assert.AreEqual(0, code, err);
        var config = Path.Combine(dir, "sshd_config");
        File.WriteAllText(config, $"""
            Port {port}
            ListenAddress {ns.DeviceAddress}
            HostKey {key}
            PidFile {Path.Combine(dir, "sshd.pid")}
            UsePAM no
            PasswordAuthentication no
            KbdInteractiveAuthentication no
            PermitRootLogin no
            StrictModes no
            """);
        // sshd checks for its privilege-separation directory before it starts.
        Directory.CreateDirectory("/run/sshd");
        var process = RealProcess.Start(sshd, ["-D", "-e", "-f", config], ns.Name);
        process.WaitForTcp(ns.DeviceAddress, port);
        return process;
    }

    public static RealProcess StartTelnetd(NetworkNamespace ns, int port)
    {
        var busybox = DebianTool.Require("busybox", "busybox-static");
        var dir = Directory.CreateTempSubdirectory("flaxguard-telnetd-").FullName;
        var login = Path.Combine(dir, "fake-login");
        File.WriteAllText(login, "#!/bin/sh\nprintf 'BusyBox v1.19.4 (2016-03-21) built-in shell (ash)\\r\\n\\r\\nIPC login: '\nsleep 5\n");
        File.SetUnixFileMode(login, UnixFileMode.UserRead | UnixFileMode.UserExecute | UnixFileMode.UserWrite);
        var process = RealProcess.Start(busybox, ["telnetd", "-F", "-p", port.ToString(), "-b", ns.DeviceAddress.ToString(), "-l", login], ns.Name);
        process.WaitForTcp(ns.DeviceAddress, port);
        return process;
    }
}
