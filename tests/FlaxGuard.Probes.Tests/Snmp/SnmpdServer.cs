using System.Net;
using System.Net.Sockets;
using FlaxGuard.Probes.Tests.Fixtures;

namespace FlaxGuard.Probes.Tests.Snmp;

/// <summary>
/// Debian's snmpd in the foreground on a loopback address of its own, with a v2c community and a v3 user
/// (SHA + AES, authPriv), the system group set in the config, two ENTITY-MIB revision rows, and its own PID and
/// mount namespace so hrSWRun lists a fixed set of processes instead of the busy host's: snmpd, two sleeps, and what
/// an implant looks like (issue 13): a copy of sleep run from a folder under /tmp, and sh running a script from there.
/// </summary>
public sealed class SnmpdServer : IDisposable
{
    public const string Community = "fg-c0mmunity-v2";
    public const string User = "fgadmin";
    public const string AuthPassword = "fg-auth-pass-1";
    public const string PrivPassword = "fg-priv-pass-2";
    public const string SysContact = "noc@example.test";
    public const string SysLocation = "Lab rack 7, shelf 2";
    public const string SysName = "lab-router-snmp";
    public const string SysDescr = "FlaxGuard lab router fw 4.2.1";

    private readonly string _dir;
    private RealProcess _process;

    private SnmpdServer(string dir, string dropDir, IPAddress address, int port)
    {
        _dir = dir;
        DropDir = dropDir;
        Address = address;
        Port = port;
        _process = Launch(Community);
    }

    public IPAddress Address { get; }

    /// <summary>The folder under /tmp the "implant" runs from: DropDir/fgbot (a copy of sleep) and sh DropDir/run.sh.</summary>
    public string DropDir { get; }

    public int Port { get; }

    public string Endpoint => $"{Address}:{Port}";

    public string Output => _process.Output;

    public static SnmpdServer Start()
    {
        var dir = Directory.CreateTempSubdirectory("flaxguard-snmpd-").FullName;
        Directory.CreateDirectory(Path.Combine(dir, "persist"));
        var address = IPAddress.Parse($"127.61.{Environment.ProcessId % 250 + 1}.{Random.Shared.Next(1, 250)}");
        var port = FreeUdpPort(address);
        var drop = Path.Combine("/tmp", "fg-drop-" + Convert.ToHexStringLower(System.Security.Cryptography.RandomNumberGenerator.GetBytes(4)));
        Directory.CreateDirectory(drop);
        File.Copy(DebianTool.Require("sleep", "coreutils"), Path.Combine(drop, "fgbot"));
        File.WriteAllText(Path.Combine(drop, "run.sh"), "sleep 604\n");
        return new SnmpdServer(dir, drop, address, port);
    }

    /// <summary>What an owner or an intruder does to change the community: edit snmpd.conf and restart the agent, same address and port.</summary>
    public void ChangeCommunity(string community)
    {
        _process.Dispose();
        _process = Launch(community);
    }

    /// <summary>Stops the agent; its port is closed from then on.</summary>
    public void Stop() => _process.Dispose();

    private RealProcess Launch(string community)
    {
        var snmpd = DebianTool.Require("snmpd", "snmpd");
        var unshare = DebianTool.Require("unshare", "util-linux");
        var config = Path.Combine(_dir, "snmpd.conf");
        File.WriteAllText(config, $"""
            rocommunity {community} 127.0.0.0/8
            createUser {User} SHA "{AuthPassword}" AES "{PrivPassword}"
            rouser {User} priv
            sysContact {SysContact}
            sysLocation {SysLocation}
            sysName {SysName}
            sysDescr {SysDescr}
            override 1.3.6.1.2.1.47.1.1.1.1.9.1 octet_str "BIOS 2.17"
            override 1.3.6.1.2.1.47.1.1.1.1.10.1 octet_str "RouterOS 7.14.2"
            override 1.3.6.1.2.1.47.1.1.1.1.10.7 octet_str "module 1.0.3"
            """);
        var pidFile = Path.Combine(_dir, "snmpd.pid");
        var drop = DropDir;
        var script = $"sleep 600 & sleep 601 & {drop}/fgbot 602 & sh {drop}/run.sh & exec {snmpd} -f -Lo -C -c {config} -p {pidFile} udp:{Address}:{Port}";
        var environment = new Dictionary<string, string> { ["SNMP_PERSISTENT_DIR"] = Path.Combine(_dir, "persist"), ["MIBS"] = "" , ["MIBDIRS"] = _dir };
        var process = RealProcess.Start(unshare, ["--pid", "--fork", "--kill-child", "--mount-proc", "sh", "-c", script], environment: environment);
        process.WaitForOutput("NET-SNMP version");
        return process;
    }

    private static int FreeUdpPort(IPAddress address)
    {
        using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
        socket.Bind(new IPEndPoint(address, 0));
        return ((IPEndPoint)socket.LocalEndPoint!).Port;
    }

    /// <summary>Runs a net-snmp client tool (snmpget, snmpwalk) against this server with numeric, value-only output.</summary>
    public string[] Tool(string program, IEnumerable<string> security, params string[] oids)
    {
        var path = DebianTool.Require(program, "snmp");
        var args = new List<string>(security) { "-On", "-Oq", "-Ot", "-t", "2", "-r", "1", "-m", "", "-M", _dir, Endpoint };
        args.AddRange(oids);
        var (code, stdout, stderr) = DebianTool.Run(path, args);
        Assert.AreEqual(0, code, $"{program} failed: {stderr}");
        return stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries);
    }

    public static string[] V2cArgs => ["-v2c", "-c", Community];

    public static string[] V3Args => ["-v3", "-l", "authPriv", "-u", User, "-a", "SHA", "-A", AuthPassword, "-x", "AES", "-X", PrivPassword];

    public void Dispose()
    {
        _process.Dispose();
        try { Directory.Delete(_dir, true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
        try { Directory.Delete(DropDir, true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }
}
