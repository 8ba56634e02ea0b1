using System.Net;

namespace FlaxGuard.Alerts.Tests.Fixtures;

/// <summary>
/// The real mosquitto broker, in the foreground with the test's own config: one listener on a free loopback
/// port, no persistence, and either anonymous access or a password file made with mosquitto_passwd.
/// </summary>
public sealed class MosquittoBroker : IDisposable
{
    private readonly RealProcess _process;
    private readonly DirectoryInfo _directory;

    private MosquittoBroker(RealProcess process, DirectoryInfo directory, int port)
    {
        _process = process;
        _directory = directory;
        Port = port;
    }

    public int Port { get; }
    public string Output => _process.Output;

    /// <summary>With <paramref name="user"/> and <paramref name="password"/> only that account may connect.</summary>
    public static MosquittoBroker Start(string? user = null, string? password = null)
    {
        var mosquitto = DebianTool.Require("mosquitto", "mosquitto");
        var directory = Directory.CreateTempSubdirectory("fg-mosquitto-");
        var port = FreePort.Tcp();
        var lines = new List<string>
        {
            // Stay root: the temp directory is 0700, so the "mosquitto" user could not read the password file.
            "user root",
            $"listener {port} 127.0.0.1",
            "persistence false",
            "log_dest stderr",
            "log_type error",
            "log_type warning",
        };
        if (user is not null)
        {
            var passwd = DebianTool.Require("mosquitto_passwd", "mosquitto");
            var passwordFile = Path.Combine(directory.FullName, "passwd");
            var (exit, _, error) = DebianTool.Run(passwd, ["-b", "-c", passwordFile, user, password!]);
            Assert.AreEqual(0, exit, "mosquitto_passwd failed: " + error);
            lines.Add("allow_anonymous false");
            lines.Add("password_file " + passwordFile);
        }
        else
        {
            lines.Add("allow_anonymous true");
        }
        var configPath = Path.Combine(directory.FullName, "mosquitto.conf");
        File.WriteAllLines(configPath, lines);
        var process = RealProcess.Start(mosquitto, ["-c", configPath]);
        process.WaitForTcp(IPAddress.Loopback, port);
        return new MosquittoBroker(process, directory, port);
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
        }
    }
}
