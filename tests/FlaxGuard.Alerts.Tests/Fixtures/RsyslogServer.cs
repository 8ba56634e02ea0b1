using System.Net;
using System.Text;
using System.Text.Json;

namespace FlaxGuard.Alerts.Tests.Fixtures;

/// <summary>What rsyslog parsed out of one RFC 5424 message (its own property names in comments).</summary>
public sealed record ParsedSyslog(
    string AppName,        // %APP-NAME%
    string MsgId,          // %msgid%
    int Severity,          // %syslogseverity%
    int Facility,          // %syslogfacility%
    string Hostname,       // %hostname%
    string ProcId,         // %procid%
    string StructuredData, // %structured-data%, as received
    IReadOnlyDictionary<string, string> Params, // mmpstrucdata's parse of [flaxguard@32473 ...], escapes undone
    string Msg);           // %msg%

/// <summary>
/// The real rsyslogd, in the foreground with a config of the test's own (temp dir, private work directory, no
/// pid file, imudp + imtcp on free loopback ports, mmpstrucdata to parse the structured data) writing one JSON
/// line per message to a file the test reads.
/// </summary>
public sealed class RsyslogServer : IDisposable
{
    private readonly RealProcess _process;
    private readonly DirectoryInfo _directory;

    private RsyslogServer(RealProcess process, DirectoryInfo directory, int udpPort, int tcpPort)
    {
        _process = process;
        _directory = directory;
        UdpPort = udpPort;
        TcpPort = tcpPort;
    }

    public int UdpPort { get; }
    public int TcpPort { get; }
    private string OutputFile => Path.Combine(_directory.FullName, "received.jsonl");

    public static RsyslogServer Start(int? tcpPort = null)
    {
        var rsyslogd = DebianTool.Require("rsyslogd", "rsyslog");
        var directory = Directory.CreateTempSubdirectory("fg-rsyslog-");
        var work = Directory.CreateDirectory(Path.Combine(directory.FullName, "work"));
        var udpPort = FreePort.TcpAndUdp();
        var tcp = tcpPort ?? FreePort.Tcp();
        var output = Path.Combine(directory.FullName, "received.jsonl");
        var config = $$"""
            global(workDirectory="{{work.FullName}}")
            module(load="imudp")
            module(load="imtcp")
            module(load="mmpstrucdata")
            input(type="imudp" address="127.0.0.1" port="{{udpPort}}" ruleset="flaxguard")
            input(type="imtcp" address="127.0.0.1" port="{{tcp}}" ruleset="flaxguard")
            template(name="parsed" type="list" option.jsonf="on") {
              property(outname="app" name="app-name" format="jsonf")
              property(outname="msgid" name="msgid" format="jsonf")
              property(outname="severity" name="syslogseverity" format="jsonf")
              property(outname="facility" name="syslogfacility" format="jsonf")
              property(outname="hostname" name="hostname" format="jsonf")
              property(outname="procid" name="procid" format="jsonf")
              property(outname="sd" name="structured-data" format="jsonf")
              property(outname="params" name="$!rfc5424-sd!flaxguard@32473" format="jsonf")
              property(outname="msg" name="msg" format="jsonf")
            }
            ruleset(name="flaxguard") {
              action(type="mmpstrucdata")
              action(type="omfile" file="{{output}}" template="parsed")
            }
            """;
        var configPath = Path.Combine(directory.FullName, "rsyslog.conf");
        File.WriteAllText(configPath, config);
        var process = RealProcess.Start(rsyslogd, ["-n", "-f", configPath, "-iNONE"]);
        var server = new RsyslogServer(process, directory, udpPort, tcp);
        process.WaitForTcp(IPAddress.Loopback, tcp);
        // imudp and imtcp open their sockets in the same startup step; check the UDP one is bound too.
        process.WaitUntil(() => !CanBindUdp(udpPort), "rsyslog's UDP input");
        return server;
    }

    /// <summary>Waits until rsyslog wrote at least <paramref name="count"/> messages and returns them all.</summary>
    public IReadOnlyList<ParsedSyslog> WaitForMessages(int count, int timeoutMs = 10_000)
    {
        var deadline = Environment.TickCount64 + timeoutMs;
        while (true)
        {
            var lines = File.Exists(OutputFile) ? File.ReadAllLines(OutputFile, Encoding.UTF8).Where(l => l.EndsWith('}')).ToArray() : [];
            if (lines.Length >= count) return lines.Select(Parse).ToArray();
            if (Environment.TickCount64 > deadline)
                Assert.Fail($"rsyslog wrote {lines.Length} message(s) within {timeoutMs} ms, expected {count}:\n{_process.Output}");
            Thread.Sleep(50);
        }
    }

    private static ParsedSyslog Parse(string line)
    {
        using var json = JsonDocument.Parse(line);
        var root = json.RootElement;
        string Text(string name) => root.GetProperty(name).GetString() ?? "";
        var parameters = new Dictionary<string, string>(StringComparer.Ordinal);
        var paramsText = Text("params");
        if (paramsText.Length > 0)
        {
            using var inner = JsonDocument.Parse(paramsText);
            foreach (var p in inner.RootElement.EnumerateObject()) parameters[p.Name] = p.Value.GetString() ?? "";
        }
        return new ParsedSyslog(Text("app"), Text("msgid"), int.Parse(Text("severity")), int.Parse(Text("facility")),
            Text("hostname"), Text("procid"), Text("sd"), parameters, Text("msg"));
    }

    private static bool CanBindUdp(int port)
    {
        try
        {
            using var socket = new System.Net.Sockets.Socket(System.Net.Sockets.AddressFamily.InterNetwork, System.Net.Sockets.SocketType.Dgram, System.Net.Sockets.ProtocolType.Udp);
            socket.Bind(new IPEndPoint(IPAddress.Loopback, port));
            return true;
        }
        catch (System.Net.Sockets.SocketException)
        {
            return false;
        }
    }

    public void Dispose()
    {
        _process.Dispose();
        try
        {
            _directory.Delete(recursive: true);
        }
        catch (IOException)
        {
            // A file still held open; the temp directory is cleaned up by the system later.
        }
    }
}
