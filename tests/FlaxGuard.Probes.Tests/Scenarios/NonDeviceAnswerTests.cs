using System.Net;
using System.Net.Sockets;
using System.Text;
using FlaxGuard.Engine.Checks;
using FlaxGuard.Engine.Families;
using FlaxGuard.Engine.Probes;
using FlaxGuard.Engine.Probes.Profiles;
using FlaxGuard.Platform;

namespace FlaxGuard.Probes.Tests.Scenarios;

/// <summary>
/// Issue 13 part 5, "a message says what really happened": every vendor profile pointed at something that is not the
/// device (Apache's 404 page with its DOCTYPE, a JSON error, an empty 200) says so in plain words (the status, and
/// "a web page" / "JSON" / "an empty answer") instead of what a parser made of the markup.
/// </summary>
[TestClass]
public sealed class NonDeviceAnswerTests
{
    private const string ApachePage = "<!DOCTYPE HTML PUBLIC \"-//IETF//DTD HTML 2.0//EN\">\n<html><head>\n<title>404 Not Found</title>\n</head><body>\n"
        + "<h1>Not Found</h1>\n<p>The requested URL was not found on this server.</p>\n<hr>\n<address>Apache/2.4.62 (Debian) Server at 127.0.0.1 Port 80</address>\n</body></html>\n";

    public enum Answer { Apache404, JsonError, Empty200 }

    [TestMethod]
    [DataRow("openwrt", "openwrt-ubus", Answer.Apache404, "the device answered HTTP 404 (not found)", "a web page")]
    [DataRow("routeros", "routeros-rest", Answer.Apache404, "the device answered HTTP 404 (not found)", "a web page")]
    [DataRow("hikvision", "hikvision-isapi", Answer.Apache404, "the device answered HTTP 404 (not found)", "a web page")]
    [DataRow("onvif", "onvif", Answer.Apache404, "the device answered HTTP 404 (not found)", "a web page")]
    [DataRow("openwrt", "openwrt-ubus", Answer.JsonError, "the device answered HTTP 400 (bad request)", "JSON")]
    [DataRow("routeros", "routeros-rest", Answer.JsonError, "the device answered HTTP 400 (bad request)", "JSON")]
    [DataRow("hikvision", "hikvision-isapi", Answer.JsonError, "the device answered HTTP 400 (bad request)", "JSON")]
    [DataRow("onvif", "onvif", Answer.JsonError, "the device answered HTTP 400 (bad request)", "JSON")]
    [DataRow("openwrt", "openwrt-ubus", Answer.Empty200, "is not JSON", "an empty answer")]
    [DataRow("routeros", "routeros-rest", Answer.Empty200, "is not JSON", "an empty answer")]
    [DataRow("hikvision", "hikvision-isapi", Answer.Empty200, "is not XML", "an empty answer")]
    [DataRow("onvif", "onvif", Answer.Empty200, "instead of SOAP XML", "an empty answer")]
    public async Task ProfilePointedAtSomethingElse_SaysWhatCameInPlainWords(string profile, string probe, Answer answer, string status, string content)
    {
        var address = new IPAddress([127, 86, (byte)(Environment.ProcessId % 250 + 1), (byte)(10 + (int)answer)]);
        await using var server = new CannedHttpServer(address, answer);
        using var http = new HttpClientTransport();
        var at = ProfileAddress.Of("http", address.ToString(), server.Port);
        var probes = ProbeProfiles.Create(profile, at, "admin", "pw", [], new ProbeSettings { WebFingerprint = false }, out string error)
            ?? throw new AssertFailedException(error);
        var mine = probes.Where(p => p.Name == probe).ToArray();
        Assert.HasCount(1, mine, "the profile runs " + probe);
        var context = new ProbeContext(address.ToString(), http, new SocketTcpConnector(), new SocketUdpExchange(), SystemClock.Instance, SecureRandomSource.Instance);
        var result = TargetCheck.Run(context, mine, null, DeviceFamilies.CreateDriftRules(), DeviceFamilies.CreateVolatileFilter());
        var message = result.Verdicts.Single(v => v.IsUnverified && v.Subject == probe).Message;
        StringAssert.Contains(message, status, message);
        StringAssert.Contains(message, content, message);
        Assert.DoesNotContain("document type", message, "the markup is not what happened");
        Assert.DoesNotContain("refused the credentials", message, "an error page is no refused login");
    }

    /// <summary>Answers every request on its own loopback address with one canned HTTP answer and closes; bounded per connection.</summary>
    private sealed class CannedHttpServer : IAsyncDisposable
    {
        private readonly TcpListener _listener;
        private readonly CancellationTokenSource _stop = new();
        private readonly Task _loop;
        private readonly byte[] _response;

        public CannedHttpServer(IPAddress address, Answer answer)
        {
            var (status, type, body) = answer switch
            {
                Answer.Apache404 => ("404 Not Found", "text/html; charset=iso-8859-1", ApachePage),
                Answer.JsonError => ("400 Bad Request", "application/json", "{\"error\":\"not found\",\"code\":404}"),
                _ => ("200 OK", null, ""),
            };
            var bytes = Encoding.UTF8.GetBytes(body);
            _response = Encoding.ASCII.GetBytes("HTTP/1.1 " + status + "\r\nServer: Apache/2.4.62 (Debian)\r\n"
                + (type is null ? "" : "Content-Type: " + type + "\r\n") + "Content-Length: " + bytes.Length + "\r\nConnection: close\r\n\r\n")
                .Concat(bytes).ToArray();
            _listener = new TcpListener(address, 0);
            _listener.Start();
            Port = ((IPEndPoint)_listener.LocalEndpoint).Port;
            _loop = Task.Run(AcceptAsync);
        }

        public int Port { get; }

        private async Task AcceptAsync()
        {
            for (var n = 0; n < 200 && !_stop.IsCancellationRequested; n++)
            {
                TcpClient client;
                try
                {
                    client = await _listener.AcceptTcpClientAsync(_stop.Token);
                }
                catch (Exception e) when (e is OperationCanceledException or SocketException or ObjectDisposedException)
                {
                    return;
                }
                _ = Task.Run(() => AnswerAsync(client));
            }
        }

        private async Task AnswerAsync(TcpClient client)
        {
            using var _ = client;
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(_stop.Token);
            timeout.CancelAfter(TimeSpan.FromSeconds(10));
            try
            {
                var stream = client.GetStream();
                var head = new StringBuilder();
                var buffer = new byte[1];
                // Headers, then as many body bytes as Content-Length says (bounded).
                while (head.Length < 16 * 1024 && !head.ToString().EndsWith("\r\n\r\n", StringComparison.Ordinal))
                {
                    if (await stream.ReadAsync(buffer, timeout.Token) == 0) return;
                    head.Append((char)buffer[0]);
                }
                var length = 0;
                foreach (var line in head.ToString().Split("\r\n"))
                {
                    if (line.StartsWith("Content-Length:", StringComparison.OrdinalIgnoreCase)) int.TryParse(line[15..].Trim(), out length);
                }
                var body = new byte[Math.Clamp(length, 0, 256 * 1024)];
                var read = 0;
                while (read < body.Length)
                {
                    var got = await stream.ReadAsync(body.AsMemory(read), timeout.Token);
                    if (got == 0) break;
                    read += got;
                }
                await stream.WriteAsync(_response, timeout.Token);
            }
            catch (Exception e) when (e is IOException or OperationCanceledException or SocketException)
            {
            }
        }

        public async ValueTask DisposeAsync()
        {
            _stop.Cancel();
            _listener.Stop();
            await _loop;
            _stop.Dispose();
        }
    }
}
