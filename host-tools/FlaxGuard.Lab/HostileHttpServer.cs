using System.Net;
using System.Net.Sockets;
using System.Text;

namespace FlaxGuard.Lab;

/// <summary>
/// A raw TCP server that answers HTTP requests the way a hostile device might: stalling, flooding,
/// lying about lengths, or hanging up mid-message. Each connection is bounded (it stops sending after
/// <see cref="MaxConnectionSeconds"/> or when the peer leaves), so a test can never hang on it.
/// </summary>
public sealed class HostileHttpServer : IAsyncDisposable
{
    public const int MaxConnectionSeconds = 30;
    private readonly TcpListener _listener;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;
    private int _connections;

    public HostileHttpServer(IPAddress address, HostileBehavior behavior)
    {
        Behavior = behavior;
        Address = address;
        _listener = new TcpListener(address, 0);
        _listener.Start();
        Port = ((IPEndPoint)_listener.LocalEndpoint).Port;
        _loop = AcceptLoop();
    }

    public HostileBehavior Behavior { get; }

    public IPAddress Address { get; }

    public int Port { get; }

    /// <summary>Connections accepted so far (a redirect loop must not make this grow without bound).</summary>
    public int Connections => Volatile.Read(ref _connections);

    private async Task AcceptLoop()
    {
        while (!_stop.IsCancellationRequested)
        {
            Socket client;
            try
            {
                client = await _listener.AcceptSocketAsync(_stop.Token);
            }
            catch (Exception e) when (e is OperationCanceledException or ObjectDisposedException or SocketException)
            {
                return;
            }
            Interlocked.Increment(ref _connections);
            _ = ServeAsync(client);
        }
    }

    private async Task ServeAsync(Socket client)
    {
        using var _ = client;
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(_stop.Token);
        limit.CancelAfter(TimeSpan.FromSeconds(MaxConnectionSeconds));
        var token = limit.Token;
        try
        {
            var path = await ReadRequestPathAsync(client, token);
            switch (Behavior)
            {
                case HostileBehavior.EndlessHeaders:
                    await SendAsync(client, "HTTP/1.1 200 OK\r\n", token);
                    for (var i = 0; !token.IsCancellationRequested; i++)
                        await SendAsync(client, $"X-Filler-{i}: {new string('a', 200)}\r\n", token);
                    break;
                case HostileBehavior.HugeBody:
                    await SendAsync(client, "HTTP/1.1 200 OK\r\nContent-Type: application/octet-stream\r\nContent-Length: 1073741824\r\n\r\n", token);
                    var block = new byte[64 * 1024];
                    Array.Fill(block, (byte)'A');
                    while (!token.IsCancellationRequested) await client.SendAsync(block, SocketFlags.None, token);
                    break;
                case HostileBehavior.SlowBody:
                    await SendAsync(client, "HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Length: 100000\r\n\r\n", token);
                    while (!token.IsCancellationRequested)
                    {
                        await SendAsync(client, "<", token);
                        await Task.Delay(1000, token);
                    }
                    break;
                case HostileBehavior.SlowHeaders:
                    foreach (var c in "HTTP/1.1 200 OK\r\nServer: slow\r\n\r\n")
                    {
                        await SendAsync(client, c.ToString(), token);
                        await Task.Delay(1000, token);
                    }
                    break;
                case HostileBehavior.CloseMidBody:
                    await SendAsync(client, "HTTP/1.1 200 OK\r\nContent-Length: 1000\r\n\r\n0123456789", token);
                    break;
                case HostileBehavior.CloseMidHeaders:
                    await SendAsync(client, "HTTP/1.1 20", token);
                    break;
                case HostileBehavior.NotHttp:
                    await client.SendAsync(new byte[] { 0x16, 0x03, 0x01, 0x00, 0xFF, 0x00, 0x0D, 0x0A, 0x0D, 0x0A, 0x8B, 0x1F }, SocketFlags.None, token);
                    break;
                case HostileBehavior.RedirectLoop:
                    var next = "/loop" + (path.Length % 1000 + Connections);
                    await SendAsync(client, $"HTTP/1.1 302 Found\r\nLocation: {next}\r\nContent-Length: 0\r\nConnection: close\r\n\r\n", token);
                    break;
                case HostileBehavior.Silent:
                    await Task.Delay(Timeout.Infinite, token);
                    break;
            }
        }
        catch (Exception e) when (e is OperationCanceledException or SocketException or ObjectDisposedException)
        {
            // The checker gave up or left, which is what the tests expect of it.
        }
    }

    /// <summary>Reads the request head (bounded) and returns its path.</summary>
    private static async Task<string> ReadRequestPathAsync(Socket client, CancellationToken token)
    {
        var buffer = new byte[8192];
        var total = 0;
        while (total < buffer.Length)
        {
            var n = await client.ReceiveAsync(buffer.AsMemory(total), SocketFlags.None, token);
            if (n == 0) break;
            total += n;
            if (Encoding.ASCII.GetString(buffer, 0, total).Contains("\r\n\r\n", StringComparison.Ordinal)) break;
        }
        var line = Encoding.ASCII.GetString(buffer, 0, total).Split("\r\n")[0].Split(' ');
        return line.Length > 1 ? line[1] : "/";
    }

    private static Task SendAsync(Socket client, string text, CancellationToken token) =>
        client.SendAsync(Encoding.ASCII.GetBytes(text), SocketFlags.None, token).AsTask();

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Stop();
        await _loop;
        _stop.Dispose();
    }
}
