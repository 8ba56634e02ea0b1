using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using FlaxGuard.Server.Api;
using FlaxGuard.Server.Secrets;
using FlaxGuard.Server.Store;
using FlaxGuard.Server.Tests.Fixtures;

namespace FlaxGuard.Server.Tests.Api;

/// <summary>Requests that are not well-formed HTTP get a 4xx and a short, rate-limited log line; refusals are counted in memory.</summary>
[TestClass]
public sealed class MalformedRequestTests
{
    public TestContext TestContext { get; set; } = null!;

    /// <summary>The chunk size that made serve answer 500 and log a stack trace per request.</summary>
    private static string HugeChunk(Uri server) =>
        $"POST /api/v1/reports HTTP/1.1\r\nHost: 127.0.0.1:{server.Port}\r\nContent-Type: application/octet-stream\r\nTransfer-Encoding: chunked\r\n\r\nFFFFFFFFFFFFFFFF\r\nabc\r\n0\r\n\r\n";

    /// <summary>Sends <paramref name="request"/> on a new loopback connection and returns the status code of the answer.</summary>
    private static async Task<int> RawStatusAsync(Uri server, string request, CancellationToken ct)
    {
        using var client = new TcpClient();
        await client.ConnectAsync(IPAddress.Loopback, server.Port, ct);
        var stream = client.GetStream();
        await stream.WriteAsync(Encoding.ASCII.GetBytes(request), ct);
        var buffer = new byte[4096];
        var length = 0;
        while (length < buffer.Length)
        {
            var read = await stream.ReadAsync(buffer.AsMemory(length), ct);
            if (read == 0) break;
            length += read;
            if (Encoding.ASCII.GetString(buffer, 0, length).Contains("\r\n", StringComparison.Ordinal)) break;
        }
        var statusLine = Encoding.ASCII.GetString(buffer, 0, length).Split("\r\n")[0];
        Assert.IsTrue(statusLine.StartsWith("HTTP/1.1 ", StringComparison.Ordinal), "answer: " + statusLine);
        return int.Parse(statusLine.AsSpan(9, 3));
    }

    /// <summary>
    /// The log written after <paramref name="from"/>, once it holds a line (the console logger writes from a queue),
    /// without serve's own start-up lines (stdout and stderr are read apart, so a late migration line may land here).
    /// </summary>
    private static async Task<string> LogAfterAsync(ServeProcess serve, int from, CancellationToken ct)
    {
        static string Log(string text) => string.Concat(text.Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Where(l => !l.StartsWith("flaxguard: ", StringComparison.Ordinal) && !l.StartsWith("flaxguard serve: ", StringComparison.Ordinal)).Select(l => l + "\n"));
        for (var i = 0; i < 100 && Log(serve.Output[from..]).Length == 0; i++) await Task.Delay(100, ct);
        await Task.Delay(200, ct); // a second line, if there were one, would be here by now
        return Log(serve.Output[from..]);
    }

    [TestMethod]
    [Timeout(240_000, CooperativeCancellation = true)]
    public async Task HugeChunkSize_Is400_AndAThousandOfThem_LeaveASmallLog_AndAddUpInTheCounters()
    {
        var ct = TestContext.CancellationToken;
        using var dir = new TempDir("malformed");
        using var serve = ServeProcess.Start(dir.Path, null, "--plain-http");
        for (var i = 0; i < 100 && !serve.Output.Contains("dashboard at", StringComparison.Ordinal); i++) await Task.Delay(100, ct);
        var startupBytes = serve.Output.Length;

        Assert.AreEqual(400, await RawStatusAsync(serve.BaseAddress, HugeChunk(serve.BaseAddress), ct));
        var oneLine = await LogAfterAsync(serve, startupBytes, ct);
        TestContext.WriteLine(oneLine);
        Assert.HasCount(1, oneLine.Split('\n', StringSplitOptions.RemoveEmptyEntries), "one log line:\n" + oneLine);
        StringAssert.Contains(oneLine, "bad-request");
        Assert.DoesNotContain("   at ", oneLine);

        var statuses = new List<int>();
        for (var i = 0; i < 1000; i++) statuses.Add(await RawStatusAsync(serve.BaseAddress, HugeChunk(serve.BaseAddress), ct));
        Assert.IsTrue(statuses.All(s => s == 400), string.Join(",", statuses.Distinct()));

        await Task.Delay(500, ct);
        var log = serve.Output[startupBytes..];
        TestContext.WriteLine($"{log.Length} bytes of log for 1001 bad requests:\n{log}");
        Assert.IsLessThan(4_000, Encoding.UTF8.GetByteCount(log), "the log stays small");
        Assert.DoesNotContain("   at ", log);
        Assert.DoesNotContain("Unhandled", log);
        Assert.DoesNotContain("Exception", log);

        // Counted (in memory until the next flush; health adds both up), and the server still serves.
        using var http = serve.CreateClient(TimeSpan.FromSeconds(20));
        var health = JsonDocument.Parse(await http.GetStringAsync("api/v1/health", ct)).RootElement;
        Assert.AreEqual(1001, health.GetProperty("refusals").GetProperty(Refusal.BadRequest).GetInt64(), health.ToString());
    }

    [TestMethod]
    [Timeout(240_000, CooperativeCancellation = true)]
    public async Task BrokenRequestLines_RefusedByKestrelItself_AreCounted_AndLoggedInFewShortLines()
    {
        var ct = TestContext.CancellationToken;
        using var dir = new TempDir("malformed-line");
        using var serve = ServeProcess.Start(dir.Path, null, "--plain-http");
        for (var i = 0; i < 100 && !serve.Output.Contains("dashboard at", StringComparison.Ordinal); i++) await Task.Delay(100, ct);
        var startupBytes = serve.Output.Length;

        Assert.AreEqual(400, await RawStatusAsync(serve.BaseAddress, "GARBAGE\x01 / HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n", ct));
        var oneLine = await LogAfterAsync(serve, startupBytes, ct);
        Assert.HasCount(1, oneLine.Split('\n', StringSplitOptions.RemoveEmptyEntries), "one log line:\n" + oneLine);
        StringAssert.Contains(oneLine, "answered 400");

        for (var i = 0; i < 1000; i++)
            Assert.AreEqual(400, await RawStatusAsync(serve.BaseAddress, i % 2 == 0 ? "GET /\u0001 HTTP/1.1\r\n\r\n" : "GET / HTTP/1.1\r\nHost: 127.0.0.1\r\nBad Header\r\n\r\n", ct));
        await Task.Delay(500, ct);
        var log = serve.Output[startupBytes..];
        TestContext.WriteLine($"{log.Length} bytes of log for 1001 broken requests:\n{log}");
        Assert.IsLessThan(4_000, Encoding.UTF8.GetByteCount(log), "the log stays small");
        Assert.DoesNotContain("   at ", log);

        using var http = serve.CreateClient(TimeSpan.FromSeconds(20));
        var health = JsonDocument.Parse(await http.GetStringAsync("api/v1/health", ct)).RootElement;
        Assert.AreEqual(1001, health.GetProperty("refusals").GetProperty(Refusal.BadRequest).GetInt64(), health.ToString());
    }

    [TestMethod]
    public async Task MalformedRequestLine_AndForeignHost_Are4xx_NotStackTraces()
    {
        var ct = TestContext.CancellationToken;
        await using var s = await RunningServer.StartAsync();
        Assert.AreEqual(400, await RawStatusAsync(s.Server.BaseAddress, "GARBAGE\x01 / HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n", ct));
        Assert.AreEqual(400, await RawStatusAsync(s.Server.BaseAddress, "GET /api/v1/health HTTP/1.0\r\n\r\n", ct), "no Host header");
        Assert.AreEqual(421, await RawStatusAsync(s.Server.BaseAddress, "GET /api/v1/health HTTP/1.1\r\nHost: evil.example\r\n\r\n", ct));
        Assert.AreEqual(400, await RawStatusAsync(s.Server.BaseAddress,
            "POST /api/v1/reports HTTP/1.1\r\nHost: 127.0.0.1\r\nTransfer-Encoding: chunked\r\n\r\nZZ\r\n\r\n", ct), "a chunk size that is not hex");
        var counts = await s.Server.RefusalCountsAsync(ct);
        Assert.AreEqual(2, counts.GetValueOrDefault(Refusal.UnknownHost));
        Assert.AreEqual(2, counts.GetValueOrDefault(Refusal.BadRequest), "the broken request line (refused by Kestrel) and the broken chunk");
    }

    [TestMethod]
    public async Task RefusalCounts_StayInMemoryUntilAFlush_AndAreFlushedAtShutdown()
    {
        var ct = TestContext.CancellationToken;
        using var dir = new TempDir("refusal-flush");
        var path = dir.File("flaxguard.db");
        var store = new SqliteFlaxStore(path);
        await store.MigrateAsync(null, ct);
        var server = FlaxServer.Create(new ServerOptions { Listen = new IPEndPoint(IPAddress.Loopback, 0), RefusalFlushInterval = TimeSpan.FromHours(1) }, store, MasterKey.Ephemeral());
        await server.StartAsync(ct);
        using var http = new HttpClient { BaseAddress = server.BaseAddress };
        for (var i = 0; i < 50; i++)
        {
            using var response = await http.GetAsync("api/v1/job", ct);
            Assert.AreEqual(HttpStatusCode.Unauthorized, response.StatusCode);
        }
        Assert.AreEqual(0, (await store.RefusalCountsAsync(ct)).GetValueOrDefault(Refusal.JobUnauthenticated), "no write per refusal");
        Assert.AreEqual(50, (await server.RefusalCountsAsync(ct))[Refusal.JobUnauthenticated], "but counted");

        await server.FlushRefusalsAsync(ct);
        Assert.AreEqual(50, (await store.RefusalCountsAsync(ct))[Refusal.JobUnauthenticated]);
        for (var i = 0; i < 7; i++) (await http.GetAsync("api/v1/job", ct)).Dispose();
        await server.DisposeAsync();
        await store.DisposeAsync();

        await using var reopened = new SqliteFlaxStore(path);
        Assert.AreEqual(57, (await reopened.RefusalCountsAsync(ct))[Refusal.JobUnauthenticated], "the last counts are written at shutdown");
    }
}
