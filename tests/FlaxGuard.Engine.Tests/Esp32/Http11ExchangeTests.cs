using System.Text;
using FlaxGuard.Engine.Platform;
using FlaxGuard.Engine.Text;
using FlaxGuard.Esp32.Http;
using FlaxGuard.Platform;

namespace FlaxGuard.Engine.Tests.Esp32;

/// <summary>
/// The dongle's HTTP/1.1 client (firmware/FlaxGuard.Esp32/Http, linked in) against loopback servers, compared with
/// .NET's own HttpClient (through <see cref="HttpClientTransport"/>) as the reference on well-formed answers, and held
/// to the engine's bounds on hostile ones.
/// </summary>
[TestClass]
public sealed class Http11ExchangeTests
{
    private sealed class Collect : IByteSink
    {
        public MemoryStream Bytes { get; } = new();
        public void Write(byte[] data, int offset, int count) => Bytes.Write(data, offset, count);
    }

    private static (HttpResponse Response, byte[] Body) Dongle(HttpRequest request)
    {
        HttpUrl url = HttpUrl.Parse(request.Url) ?? throw new AssertFailedException("bad test URL");
        var connector = new SocketTcpConnector();
        Assert.AreEqual(ConnectOutcome.Connected, connector.Connect(url.Host, url.Port, 2000, out ITcpConnection? connection));
        using (connection)
        {
            var sink = new Collect();
            long deadline = SystemClock.Instance.MonotonicMilliseconds + request.TimeoutMs;
            HttpResponse response = Http11Exchange.Run(connection!, request, url.HostHeader, url.Target, sink, SystemClock.Instance, deadline);
            return (response, sink.Bytes.ToArray());
        }
    }

    private static (HttpResponse Response, byte[] Body) Reference(HttpRequest request)
    {
        using var transport = new HttpClientTransport();
        var sink = new Collect();
        return (transport.Send(request, sink), sink.Bytes.ToArray());
    }

    private static byte[] Ascii(string text) => Encoding.ASCII.GetBytes(text);

    /// <summary>Satisfied once it has <c>need</c> bytes (like the flash measurement once the squashfs is hashed).</summary>
    private sealed class NeedSink(int need) : ISatisfiableSink
    {
        public long Received { get; private set; }
        public bool Satisfied => Received >= need;
        public void Write(byte[] data, int offset, int count) => Received += count;
    }

    [TestMethod]
    public void SatisfiedSink_StopsTheBody_OnTheDongleAndOnDotNet()
    {
        // 100,000 bytes declared, 4,000 sent, then silence: a transport that keeps reading waits for the timeout.
        var head = Ascii("HTTP/1.1 200 OK\r\nContent-Length: 100000\r\n\r\n");
        var answer = head.Concat(new byte[4000]).ToArray();
        foreach (var dotnet in new[] { false, true })
        {
            using var server = new ScriptedServer(answer, stallAfterBytes: answer.Length);
            var request = new HttpRequest("GET", server.Url + "/dev/mtdblock3") { TimeoutMs = 10_000 };
            var sink = new NeedSink(1000);
            var watch = System.Diagnostics.Stopwatch.StartNew();
            HttpResponse response;
            if (dotnet)
            {
                using var transport = new HttpClientTransport();
                response = transport.Send(request, sink);
            }
            else
            {
                HttpUrl url = HttpUrl.Parse(request.Url)!;
                var connector = new SocketTcpConnector();
                Assert.AreEqual(ConnectOutcome.Connected, connector.Connect(url.Host, url.Port, 2000, out ITcpConnection? connection));
                using (connection)
                {
                    response = Http11Exchange.Run(connection!, request, url.HostHeader, url.Target, sink, SystemClock.Instance, SystemClock.Instance.MonotonicMilliseconds + request.TimeoutMs);
                }
            }
            string who = dotnet ? ".NET" : "dongle";
            Assert.AreEqual(HttpOutcome.Completed, response.Outcome, who + ": " + response.Error);
            Assert.IsGreaterThanOrEqualTo(1000L, sink.Received, who);
            Assert.IsLessThanOrEqualTo(4000L, sink.Received, who);
            Assert.IsLessThan(5000L, watch.ElapsedMilliseconds, who + " waited for the rest of the body");
        }
    }

    public static IEnumerable<object[]> WellFormedAnswers =>
    [
        ["content-length", "HTTP/1.1 200 OK\r\nServer: lab\r\nContent-Type: text/html\r\nContent-Length: 11\r\n\r\nhello world"],
        ["chunked with extension and trailer", "HTTP/1.1 200 OK\r\nServer: lab\r\nTransfer-Encoding: chunked\r\n\r\n5;ext=1\r\nhello\r\n6\r\n world\r\n0\r\nX-Trailer: t\r\n\r\n"],
        ["close-delimited", "HTTP/1.1 200 OK\r\nServer: lab\r\nConnection: close\r\n\r\nbody until the connection closes"],
        ["401 with challenge", "HTTP/1.1 401 Unauthorized\r\nWWW-Authenticate: Digest realm=\"cam\", nonce=\"abc\", qop=\"auth\"\r\nContent-Length: 0\r\n\r\n"],
        ["redirect not followed", "HTTP/1.1 302 Found\r\nLocation: /login.html\r\nContent-Length: 3\r\n\r\nabc"],
        ["folded case and spacing", "HTTP/1.1 200 OK\r\nserver:   lab  \r\ncontent-length:4\r\n\r\nabcd"],
    ];

    [TestMethod]
    [DynamicData(nameof(WellFormedAnswers))]
    public void WellFormedAnswer_MatchesDotNetsHttpClient(string name, string answer)
    {
        using var server = new ScriptedServer(Ascii(answer));
        var request = new HttpRequest("GET", server.Url + "/index.html?x=1");

        var dongle = Dongle(request);
        var reference = Reference(request);

        Assert.AreEqual(HttpOutcome.Completed, dongle.Response.Outcome, name + ": " + dongle.Response.Error);
        Assert.AreEqual(reference.Response.Outcome, dongle.Response.Outcome, name);
        Assert.AreEqual(reference.Response.StatusCode, dongle.Response.StatusCode, name);
        CollectionAssert.AreEqual(reference.Body, dongle.Body, name + ": body");
        foreach (string header in new[] { "Server", "Location", "WWW-Authenticate" })
        {
            Assert.AreEqual(reference.Response.GetHeader(header), dongle.Response.GetHeader(header), name + ": " + header);
        }
        Assert.AreEqual(reference.Response.BodyBytes, dongle.Response.BodyBytes, name);
    }

    [TestMethod]
    public void Request_IsWellFormedHttp11_WithHostBodyAndHeaders()
    {
        using var server = new ScriptedServer(Ascii("HTTP/1.1 204 No Content\r\n\r\n"));
        var request = new HttpRequest("POST", server.Url + "/ubus") { Body = Ascii("{\"a\":1}"), ContentType = "application/json" };
        request.AddHeader("Authorization", "Basic YWRtaW46YWRtaW4=");

        var (response, _) = Dongle(request);

        Assert.AreEqual(204, response.StatusCode);
        string seen = server.Requests.Single();
        StringAssert.StartsWith(seen, "POST /ubus HTTP/1.1\r\nHost: 127.0.0.1:" + server.Port + "\r\n");
        StringAssert.Contains(seen, "\r\nContent-Type: application/json\r\nContent-Length: 7\r\n");
        StringAssert.Contains(seen, "\r\nAuthorization: Basic YWRtaW46YWRtaW4=\r\n");
        StringAssert.Contains(seen, "\r\nAccept-Encoding: identity\r\n");
    }

    /// <summary>What DeviceHttpTransport does with a base and a suffix (its Platform folder needs nanoFramework, so the steps are run here).</summary>
    [TestMethod]
    public void BaseAndSuffix_BecomeOneRequestTarget_OnTheDongle()
    {
        foreach (var (prefix, suffix, line) in new[]
        {
            ("/rest", "/ip/smb?.proplist=name", "GET /rest/ip/smb?.proplist=name HTTP/1.1\r\n"),
            ("", "/ISAPI/System/deviceInfo#frag", "GET /ISAPI/System/deviceInfo HTTP/1.1\r\n"),
            ("", "?x=1", "GET /?x=1 HTTP/1.1\r\n"),
        })
        {
            using var server = new ScriptedServer(Ascii("HTTP/1.1 204 No Content\r\n\r\n"));
            var request = new HttpRequest("GET", server.Url + prefix, suffix) { TimeoutMs = 5000 };
            HttpUrl url = HttpUrl.Parse(request.BaseUrl)!;
            string target = HttpUrl.JoinTarget(url.Target, request.UrlSuffix)!;
            var connector = new SocketTcpConnector();
            Assert.AreEqual(ConnectOutcome.Connected, connector.Connect(url.Host, url.Port, 2000, out ITcpConnection? connection));
            using (connection)
            {
                var response = Http11Exchange.Run(connection!, request, url.HostHeader, target, null, SystemClock.Instance, SystemClock.Instance.MonotonicMilliseconds + 5000);
                Assert.AreEqual(204, response.StatusCode, response.Error);
            }
            StringAssert.StartsWith(server.Requests.Single(), line);
            Assert.AreEqual(HttpUrl.Parse(request.Url)!.Target, target, "the same target as the joined URL gives");
        }
        Assert.IsNull(HttpUrl.JoinTarget("/", "/a b"), "a suffix a request line cannot carry is refused");
        Assert.IsNull(HttpUrl.JoinTarget("/", "a"), "a suffix must start with / or ?");
        Assert.IsNull(HttpUrl.JoinTarget("/x?q", "/y"), "a base with a query takes no path after it");
    }

    [TestMethod]
    public void BodyOfAKeptBuffer_SendsOnlyItsLength_OnTheDongleAndOnDotNet()
    {
        // A client that writes every request into one kept buffer: only the first BodyLength bytes are the request.
        var buffer = Ascii("{\"a\":1}" + new string('X', 40));
        foreach (var dotnet in new[] { false, true })
        {
            using var server = new ScriptedServer(Ascii("HTTP/1.1 204 No Content\r\n\r\n"));
            var request = new HttpRequest("POST", server.Url + "/ubus") { ContentType = "application/json" };
            request.SetBody(buffer, 7);
            Assert.AreSame(buffer, request.Body);
            Assert.AreEqual(7, request.BodyLength);
            HttpResponse response;
            if (dotnet)
            {
                using var transport = new HttpClientTransport();
                response = transport.Send(request, null);
            }
            else
            {
                response = Dongle(request).Response;
            }
            string who = dotnet ? ".NET" : "dongle";
            Assert.AreEqual(204, response.StatusCode, who + ": " + response.Error);
            string seen = server.Requests.Single();
            StringAssert.Contains(seen, "\r\nContent-Length: 7\r\n", who);
            Assert.DoesNotContain("X", seen, who + " sent bytes past the body's length");
        }
        var whole = new HttpRequest("POST", "http://192.0.2.1/") { Body = buffer };
        Assert.AreEqual(buffer.Length, whole.BodyLength, "setting Body sends the whole array");
        whole.Body = null;
        Assert.AreEqual(0, whole.BodyLength);
        Assert.ThrowsExactly<ArgumentOutOfRangeException>(() => whole.SetBody(buffer, buffer.Length + 1));
        Assert.ThrowsExactly<ArgumentOutOfRangeException>(() => whole.SetBody(buffer, -1));
        Assert.ThrowsExactly<ArgumentNullException>(() => whole.SetBody(null!, 0));
    }

    private sealed class HintSink : ILengthHintSink
    {
        public List<string> Events { get; } = [];
        public void ExpectLength(long length) => Events.Add("expect " + length);
        public void Write(byte[] data, int offset, int count)
        {
            if (Events.Count == 0 || !Events[^1].StartsWith("write", StringComparison.Ordinal)) Events.Add("write");
        }
    }

    [TestMethod]
    [DataRow("HTTP/1.1 200 OK\r\nContent-Length: 5000\r\n\r\n", 10_000, "expect 5000,write")]
    [DataRow("HTTP/1.1 200 OK\r\nContent-Length: 5000\r\n\r\n", 1000, "write")]
    [DataRow("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n1388\r\n", 10_000, "write")]
    public void DeclaredLength_ReachesAHintSinkBeforeTheBody_OnBothTransports(string head, int maxBody, string expected)
    {
        string answer = head + new string('x', 5000) + (head.Contains("chunked") ? "\r\n0\r\n\r\n" : "");
        foreach (var dongle in new[] { true, false })
        {
            using var server = new ScriptedServer(Ascii(answer));
            var request = new HttpRequest("GET", server.Url + "/") { MaxBodyBytes = maxBody };
            var sink = new HintSink();
            if (dongle)
            {
                HttpUrl url = HttpUrl.Parse(request.Url)!;
                Assert.AreEqual(ConnectOutcome.Connected, new SocketTcpConnector().Connect(url.Host, url.Port, 2000, out ITcpConnection? connection));
                using (connection) Http11Exchange.Run(connection!, request, url.HostHeader, url.Target, sink, SystemClock.Instance, SystemClock.Instance.MonotonicMilliseconds + 5000);
            }
            else
            {
                using var transport = new HttpClientTransport();
                transport.Send(request, sink);
            }
            Assert.AreEqual(expected, string.Join(",", sink.Events), dongle ? "dongle" : ".NET");
        }
    }

    [TestMethod]
    public void BodyLongerThanAllowed_StopsAtTheLimit()
    {
        string body = new('x', 5000);
        using var server = new ScriptedServer(Ascii("HTTP/1.1 200 OK\r\nContent-Length: 5000\r\n\r\n" + body));
        var (response, received) = Dongle(new HttpRequest("GET", server.Url + "/") { MaxBodyBytes = 1000 });
        Assert.AreEqual(HttpOutcome.BodyTooLarge, response.Outcome);
        Assert.HasCount(1000, received);
        Assert.AreEqual(1000, response.BodyBytes);
    }

    [TestMethod]
    public void HeadersLongerThanAllowed_AreRefused()
    {
        using var server = new ScriptedServer(Ascii("HTTP/1.1 200 OK\r\nX-Junk: " + new string('a', 3000) + "\r\nContent-Length: 0\r\n\r\n"));
        var (response, _) = Dongle(new HttpRequest("GET", server.Url + "/") { MaxHeaderBytes = 1024 });
        Assert.AreEqual(HttpOutcome.HeadersTooLarge, response.Outcome);
    }

    [TestMethod]
    public void TooManyHeaders_AreRefused()
    {
        var answer = new StringBuilder("HTTP/1.1 200 OK\r\n");
        for (int i = 0; i < 70; i++) answer.Append("X-").Append(i).Append(": v\r\n");
        answer.Append("Content-Length: 0\r\n\r\n");
        using var server = new ScriptedServer(Ascii(answer.ToString()));
        var (response, _) = Dongle(new HttpRequest("GET", server.Url + "/"));
        Assert.AreEqual(HttpOutcome.HeadersTooLarge, response.Outcome);
    }

    [TestMethod]
    public void StalledBody_TimesOutWithinTheBound()
    {
        using var server = new ScriptedServer(Ascii("HTTP/1.1 200 OK\r\nContent-Length: 100\r\n\r\nonly part"), stallAfterBytes: 45);
        var started = System.Diagnostics.Stopwatch.StartNew();
        var (response, _) = Dongle(new HttpRequest("GET", server.Url + "/") { TimeoutMs = 800 });
        Assert.AreEqual(HttpOutcome.TimedOut, response.Outcome, response.Error);
        Assert.IsLessThan(3000, started.ElapsedMilliseconds, "the deadline must hold");
    }

    [TestMethod]
    public void SilentDevice_TimesOut()
    {
        using var server = new ScriptedServer(Ascii("HTTP/1.1 200 OK\r\n"), stallAfterBytes: 0);
        var (response, _) = Dongle(new HttpRequest("GET", server.Url + "/") { TimeoutMs = 500 });
        Assert.AreEqual(HttpOutcome.TimedOut, response.Outcome);
        StringAssert.Contains(response.Error, "status line");
    }

    [TestMethod]
    [DataRow("SSH-2.0-dropbear\r\n\r\n", "does not start with an HTTP/1.x status line")]
    [DataRow("HTTP/1.1 200 OK\r\nContent-Length: 50\r\n\r\nshort", "before the announced end")]
    [DataRow("HTTP/1.1 200 OK\r\nContent-Length: 12abc\r\n\r\n", "Content-Length header is not a number")]
    [DataRow("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n", "not hexadecimal")]
    [DataRow("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n3\r\nabcX\r\n0\r\n\r\n", "does not end with CRLF")]
    [DataRow("HTTP/1.1 200 OK\r\nTransfer-Encoding: gzip\r\n\r\n", "unsupported transfer encoding")]
    [DataRow("HTTP/1.1 200 OK\r\nNoColonHere\r\n\r\n", "header line has no name")]
    [DataRow("HTTP/1.1 200 OK\r\nContent-Len", "in the middle of the headers")]
    public void MalformedAnswer_IsAProtocolErrorWithAReason(string answer, string reason)
    {
        using var server = new ScriptedServer(Ascii(answer));
        var (response, _) = Dongle(new HttpRequest("GET", server.Url + "/") { TimeoutMs = 3000 });
        Assert.AreEqual(HttpOutcome.ProtocolError, response.Outcome, response.Error);
        StringAssert.Contains(response.Error, reason);
    }

    [TestMethod]
    public void HeadRequest_ReadsNoBody()
    {
        using var server = new ScriptedServer(Ascii("HTTP/1.1 200 OK\r\nContent-Length: 1000\r\n\r\n"));
        var (response, body) = Dongle(new HttpRequest("HEAD", server.Url + "/"));
        Assert.AreEqual(HttpOutcome.Completed, response.Outcome);
        Assert.IsEmpty(body);
    }

    [TestMethod]
    [DataRow("http://192.0.2.1/", "192.0.2.1", 80, "/", "192.0.2.1", false)]
    [DataRow("HTTPS://cam.lan:8443/doc/page/login.asp?x=1#frag", "cam.lan", 8443, "/doc/page/login.asp?x=1", "cam.lan:8443", true)]
    [DataRow("http://[2001:db8::1]:8080?q", "2001:db8::1", 8080, "/?q", "[2001:db8::1]:8080", false)]
    [DataRow("https://router:443", "router", 443, "/", "router", true)]
    public void Url_Parts(string url, string host, int port, string target, string hostHeader, bool https)
    {
        HttpUrl parsed = HttpUrl.Parse(url)!;
        Assert.AreEqual(host, parsed.Host);
        Assert.AreEqual(port, parsed.Port);
        Assert.AreEqual(target, parsed.Target);
        Assert.AreEqual(hostHeader, parsed.HostHeader);
        Assert.AreEqual(https, parsed.Https);
    }

    [TestMethod]
    [DataRow("ftp://192.0.2.1/")]
    [DataRow("http://user:pw@192.0.2.1/")]
    [DataRow("http://192.0.2.1:70000/")]
    [DataRow("http:///path")]
    [DataRow("http://192.0.2.1/a b")]
    public void Url_Rejected(string url)
    {
        Assert.IsNull(HttpUrl.Parse(url));
    }
}
