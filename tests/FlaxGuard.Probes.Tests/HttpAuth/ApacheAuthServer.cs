using System.Net;
using System.Net.Sockets;
using FlaxGuard.Probes.Tests.Fixtures;

namespace FlaxGuard.Probes.Tests.HttpAuth;

/// <summary>
/// Debian's apache2 in the foreground with its own configuration in a temp dir, loading only the modules it
/// needs, serving a camera-like /ISAPI/System/deviceInfo XML file three ways: Digest (mod_auth_digest, password
/// file made by Debian's htdigest), Digest with a one-second nonce lifetime (/stale/), and Basic (htpasswd).
/// Runs as root with User/Group nobody/nogroup for its children, so the temp dir is made world-readable.
/// </summary>
internal sealed class ApacheAuthServer : IDisposable
{
    public const string Realm = "cams";
    public const string User = "admin";
    public const string Password = "Corr3ct-horse";
    public const string DeviceInfoXml = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<DeviceInfo version=\"2.0\" xmlns=\"http://www.hikvision.com/ver20/XMLSchema\"><deviceName>Front door</deviceName><model>DS-2CD2143G2-I</model><firmwareVersion>V5.7.3</firmwareVersion><firmwareReleasedDate>build 220112</firmwareReleasedDate></DeviceInfo>\n";

    private readonly RealProcess _process;

    private ApacheAuthServer(RealProcess process, string root, IPAddress address, int port)
    {
        _process = process;
        Root = root;
        Address = address;
        Port = port;
    }

    public string Root { get; }

    public IPAddress Address { get; }

    public int Port { get; }

    public string Origin => $"http://{Address}:{Port}";

    public string AccessLog => Path.Combine(Root, "access.log");

    /// <param name="user">Account of both realms (default <see cref="User"/>); the factory-password tests give a factory one.</param>
    public static ApacheAuthServer Start(string user = User, string password = Password)
    {
        var apache = DebianTool.Require("apache2", "apache2");
        var htdigest = DebianTool.Require("htdigest", "apache2-utils");
        var htpasswd = DebianTool.Require("htpasswd", "apache2-utils");
        var root = Directory.CreateTempSubdirectory("fg-httpauth-").FullName;
        Chmod(root, (UnixFileMode)0b111_101_101);
        foreach (var area in new[] { "ISAPI", "stale", "basic" })
        {
            Directory.CreateDirectory(Path.Combine(root, "htdocs", area, "System"));
            File.WriteAllText(Path.Combine(root, "htdocs", area, "System", "deviceInfo"), DeviceInfoXml);
        }
        // Passwords go in on stdin, not on the command line where ps would show them.
        var (code, _, err) = DebianTool.Run(htdigest, ["-c", Path.Combine(root, "htdigest"), Realm, user], stdin: password + "\n" + password + "\n");
        if (code != 0) Assert.Fail("htdigest failed: " + err);
        (code, _, err) = DebianTool.Run(htpasswd, ["-i", "-c", Path.Combine(root, "htpasswd"), user], stdin: password + "\n");
        if (code != 0) Assert.Fail("htpasswd failed: " + err);

        var address = new IPAddress([127, 72, (byte)(Environment.ProcessId % 250), 1]);
        int port;
        using (var probe = new TcpListener(address, 0))
        {
            probe.Start();
            port = ((IPEndPoint)probe.LocalEndpoint).Port;
        }
        const string modules = "/usr/lib/apache2/modules";
        var config = $$"""
            ServerRoot {{root}}
            ServerName {{address}}
            Listen {{address}}:{{port}}
            LoadModule mpm_event_module {{modules}}/mod_mpm_event.so
            LoadModule authn_core_module {{modules}}/mod_authn_core.so
            LoadModule authn_file_module {{modules}}/mod_authn_file.so
            LoadModule authz_core_module {{modules}}/mod_authz_core.so
            LoadModule authz_user_module {{modules}}/mod_authz_user.so
            LoadModule auth_digest_module {{modules}}/mod_auth_digest.so
            LoadModule auth_basic_module {{modules}}/mod_auth_basic.so
            LoadModule mime_module {{modules}}/mod_mime.so
            User nobody
            Group nogroup
            ErrorLog {{root}}/error.log
            PidFile {{root}}/httpd.pid
            Mutex file:{{root}} default
            DefaultRuntimeDir {{root}}
            DocumentRoot {{root}}/htdocs
            TypesConfig /etc/mime.types
            LogFormat "%>s %r" status
            CustomLog {{root}}/access.log status
            <Directory {{root}}/htdocs>
              Require all granted
            </Directory>
            <Location /ISAPI/>
              ForceType application/xml
              AuthType Digest
              AuthName "{{Realm}}"
              AuthDigestDomain /ISAPI/
              AuthDigestProvider file
              AuthUserFile {{root}}/htdigest
              Require valid-user
            </Location>
            <Location /stale/>
              ForceType application/xml
              AuthType Digest
              AuthName "{{Realm}}"
              AuthDigestDomain /stale/
              AuthDigestProvider file
              AuthUserFile {{root}}/htdigest
              AuthDigestNonceLifetime 1
              Require valid-user
            </Location>
            <Location /basic/>
              ForceType application/xml
              AuthType Basic
              AuthName "{{Realm}}"
              AuthBasicProvider file
              AuthUserFile {{root}}/htpasswd
              Require valid-user
            </Location>
            """;
        var conf = Path.Combine(root, "httpd.conf");
        File.WriteAllText(conf, config);
        foreach (var f in Directory.EnumerateFiles(root, "*", SearchOption.AllDirectories)) Chmod(f, (UnixFileMode)0b110_100_100);
        foreach (var d in Directory.EnumerateDirectories(root, "*", SearchOption.AllDirectories)) Chmod(d, (UnixFileMode)0b111_101_101);

        var process = RealProcess.Start(apache, ["-f", conf, "-DFOREGROUND"]);
        var server = new ApacheAuthServer(process, root, address, port);
        try
        {
            process.WaitForTcp(address, port);
        }
        catch
        {
            server.Dispose();
            throw;
        }
        return server;
    }

    /// <summary>Status and request line of every request apache logged so far, oldest first.</summary>
    public string[] LoggedRequests()
    {
        // Apache writes the line after the response; give it a moment, bounded.
        Thread.Sleep(200);
        return File.Exists(AccessLog) ? File.ReadAllLines(AccessLog) : [];
    }

    public string ErrorLog => File.Exists(Path.Combine(Root, "error.log")) ? File.ReadAllText(Path.Combine(Root, "error.log")) : "";

    private static void Chmod(string path, UnixFileMode mode)
    {
        // apache's children run as nobody; Windows has no such modes (and no Debian apache2).
        if (!OperatingSystem.IsWindows()) File.SetUnixFileMode(path, mode);
    }

    public void Dispose()
    {
        _process.Dispose();
        try
        {
            Directory.Delete(Root, recursive: true);
        }
        catch (IOException)
        {
            // Left for the OS to clean up with /tmp.
        }
    }
}
