using System.Net;
using System.Net.Sockets;
using BenchmarkDotNet.Attributes;
using FlaxGuard.Engine.Probes;
using FlaxGuard.Platform;

namespace FlaxGuard.Bench;

/// <summary>
/// Bytes allocated by one HTTP fingerprint check (landing page, title, Server header) that hashes a
/// 64 KiB or an 8 MiB file. The body streams through a fixed buffer into SHA-256, so allocation must not grow with the
/// page (target: under 64 KiB each, the budget of a non-PSRAM ESP32's managed heap).
/// </summary>
[MemoryDiagnoser]
public class HttpFingerprintBenchmarks
{
    private StaticPageServer _server = null!;
    private HttpClientTransport _http = null!;
    private ProbeContext _context = null!;
    private HttpFingerprintProbe _probe = null!;

    [Params(64 * 1024, 8 * 1024 * 1024)]
    public int PageBytes { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _server = new StaticPageServer(IPAddress.Loopback, PageBytes);
        _http = new HttpClientTransport();
        _context = new ProbeContext("127.0.0.1", _http, new SocketTcpConnector(), new SocketUdpExchange(), SystemClock.Instance);
        _probe = new HttpFingerprintProbe(new HttpFingerprintOptions { Port = _server.Port, Paths = ["/asset.bin"], DiscoverAssets = false });
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _http.Dispose();
        _server.Dispose();
    }

    [Benchmark]
    public int FingerprintCheck()
    {
        var output = new ProbeOutput();
        _probe.Run(_context, output);
        if (output.VerdictCount != 0) throw new InvalidOperationException(output.Verdicts()[0].ToString());
        return output.Facts.Count;
    }

    /// <summary>
    /// A keep-alive HTTP/1.1 server on loopback that serves one pre-built response of the given size for
    /// every path, from its own threads, so the benchmark process measures the checker and not a web framework.
    /// </summary>
    private sealed class StaticPageServer : IDisposable
    {
        private readonly TcpListener _listener;
        private readonly byte[] _response;
        private readonly byte[] _landing;
        private volatile bool _stopped;

        public StaticPageServer(IPAddress address, int bodyBytes)
        {
            var body = new byte[bodyBytes];
            new Random(1).NextBytes(body);
            var head = System.Text.Encoding.ASCII.GetBytes($"HTTP/1.1 200 OK\r\nServer: bench\r\nContent-Type: text/html\r\nContent-Length: {bodyBytes}\r\n\r\n");
            _response = [.. head, .. body];
            _landing = System.Text.Encoding.ASCII.GetBytes("HTTP/1.1 200 OK\r\nServer: bench\r\nContent-Type: text/html\r\nContent-Length: 52\r\n\r\n<html><head><title>Bench</title></head><body></body>");
            _listener = new TcpListener(address, 0);
            _listener.Start();
            Port = ((IPEndPoint)_listener.LocalEndpoint).Port;
            new Thread(AcceptLoop) { IsBackground = true }.Start();
        }

        public int Port { get; }

        private void AcceptLoop()
        {
            while (!_stopped)
            {
                Socket client;
                try { client = _listener.AcceptSocket(); }
                catch (SocketException) { return; }
                catch (ObjectDisposedException) { return; }
                new Thread(() => Serve(client)) { IsBackground = true }.Start();
            }
        }

        private void Serve(Socket client)
        {
            using (client)
            {
                var buffer = new byte[8192];
                var pending = "";
                try
                {
                    while (!_stopped)
                    {
                        var n = client.Receive(buffer);
                        if (n == 0) return;
                        pending += System.Text.Encoding.ASCII.GetString(buffer, 0, n);
                        while (pending.Contains("\r\n\r\n", StringComparison.Ordinal))
                        {
                            var isLanding = pending.StartsWith("GET / ", StringComparison.Ordinal);
                            pending = pending[(pending.IndexOf("\r\n\r\n", StringComparison.Ordinal) + 4)..];
                            client.Send(isLanding ? _landing : _response);
                        }
                    }
                }
                catch (SocketException)
                {
                    // The client hung up.
                }
            }
        }

        public void Dispose()
        {
            _stopped = true;
            _listener.Stop();
        }
    }
}
