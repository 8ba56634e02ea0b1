using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Text;

namespace FlaxGuard.Probes.Tests.HttpAuth;

/// <summary>
/// A small HTTP/1.1 server on loopback that protects one XML resource with RFC 7616 Digest, offering SHA-256
/// and MD5 as two WWW-Authenticate headers (as in RFC 7616 section 3.9.1), and checking answers with .NET's
/// SHA256/MD5. Apache's mod_auth_digest only does MD5; this covers SHA-256 over real sockets. One request per
/// connection (Connection: close), at most 100 connections, stopped on dispose.
/// </summary>
internal sealed class Sha256DigestServer : IDisposable
{
    public const string Realm = "cam-sha256";
    public const string Body = "<DeviceInfo><model>SHA-256 test camera</model></DeviceInfo>";

    private readonly TcpListener _listener;
    private readonly Thread _thread;
    private readonly string _user;
    private readonly string _password;
    private readonly string _nonce = Convert.ToBase64String(RandomNumberGenerator.GetBytes(24));
    private volatile bool _stopped;
    private int _connections;

    public Sha256DigestServer(IPAddress address, string user, string password)
    {
        _user = user;
        _password = password;
        _listener = new TcpListener(address, 0);
        _listener.Start();
        Origin = $"http://{address}:{((IPEndPoint)_listener.LocalEndpoint).Port}";
        _thread = new Thread(Serve) { IsBackground = true };
        _thread.Start();
    }

    public string Origin { get; }

    public List<string> Log { get; } = [];

    private void Serve()
    {
        while (!_stopped && _connections < 100)
        {
            Socket client;
            try { client = _listener.AcceptSocket(); }
            catch (SocketException) { return; }
            catch (ObjectDisposedException) { return; }
            _connections++;
            using (client)
            {
                try
                {
                    client.ReceiveTimeout = 5000;
                    var request = ReadHead(client);
                    if (request is null) continue;
                    var response = Answer(request);
                    client.Send(Encoding.ASCII.GetBytes(response));
                    client.Shutdown(SocketShutdown.Both);
                }
                catch (SocketException)
                {
                    // The client went away; next one.
                }
            }
        }
    }

    private static string? ReadHead(Socket client)
    {
        var buffer = new byte[16 * 1024];
        var length = 0;
        while (length < buffer.Length)
        {
            var n = client.Receive(buffer, length, buffer.Length - length, SocketFlags.None);
            if (n == 0) return null;
            length += n;
            var text = Encoding.ASCII.GetString(buffer, 0, length);
            if (text.Contains("\r\n\r\n", StringComparison.Ordinal)) return text;
        }
        return null;
    }

    private string Answer(string head)
    {
        var lines = head.Split("\r\n");
        var parts = lines[0].Split(' ');
        var method = parts[0];
        var target = parts[1];
        var authorization = lines.Skip(1).FirstOrDefault(l => l.StartsWith("Authorization:", StringComparison.OrdinalIgnoreCase))?[14..].Trim();
        var ok = authorization is not null && Verify(authorization, method, target);
        lock (Log) Log.Add((ok ? "200 " : "401 ") + (authorization is null ? "-" : authorization));
        if (ok)
            return $"HTTP/1.1 200 OK\r\nContent-Type: application/xml\r\nContent-Length: {Body.Length}\r\nConnection: close\r\n\r\n{Body}";
        const string page = "<html>401</html>";
        return "HTTP/1.1 401 Unauthorized\r\n"
            + $"WWW-Authenticate: Digest realm=\"{Realm}\", qop=\"auth, auth-int\", algorithm=SHA-256, nonce=\"{_nonce}\", opaque=\"op\"\r\n"
            + $"WWW-Authenticate: Digest realm=\"{Realm}\", qop=\"auth, auth-int\", algorithm=MD5, nonce=\"{_nonce}\", opaque=\"op\"\r\n"
            + $"Content-Type: text/html\r\nContent-Length: {page.Length}\r\nConnection: close\r\n\r\n{page}";
    }

    private bool Verify(string authorization, string method, string target)
    {
        if (!authorization.StartsWith("Digest ", StringComparison.Ordinal)) return false;
        var fields = new Dictionary<string, string>();
        foreach (var raw in authorization[7..].Split(", "))
        {
            var eq = raw.IndexOf('=');
            if (eq < 0) return false;
            fields[raw[..eq]] = raw[(eq + 1)..].Trim('"');
        }
        if (fields.GetValueOrDefault("algorithm") != "SHA-256") return false;
        if (fields.GetValueOrDefault("uri") != target || fields.GetValueOrDefault("nonce") != _nonce || fields.GetValueOrDefault("opaque") != "op") return false;
        static string H(string s) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(s)));
        var expected = H($"{H($"{_user}:{Realm}:{_password}")}:{_nonce}:{fields.GetValueOrDefault("nc")}:{fields.GetValueOrDefault("cnonce")}:auth:{H(method + ":" + target)}");
        return fields.GetValueOrDefault("username") == _user && fields.GetValueOrDefault("response") == expected;
    }

    public void Dispose()
    {
        _stopped = true;
        _listener.Stop();
        _thread.Join(2000);
    }
}
