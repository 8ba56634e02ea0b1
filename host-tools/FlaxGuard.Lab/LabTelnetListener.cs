using System.Net;
using System.Net.Sockets;

namespace FlaxGuard.Lab;

/// <summary>
/// A telnet-like listener as a botnet implant opens it: it negotiates telnet options, greets with a
/// BusyBox login prompt and hangs up after a few seconds. It never runs a shell.
/// </summary>
public sealed class LabTelnetListener : IAsyncDisposable
{
    private static readonly byte[] Greeting =
    [
        0xFF, 0xFB, 0x01, // IAC WILL ECHO
        0xFF, 0xFB, 0x03, // IAC WILL SUPPRESS-GO-AHEAD
        .. "\r\nBusyBox v1.19.4 (2016-03-21) built-in shell (ash)\r\nlogin: "u8,
    ];

    private readonly TcpListener _listener;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;

    public LabTelnetListener(IPAddress address, int port)
    {
        _listener = new TcpListener(address, port);
        _listener.Server.SetSocketOption(SocketOptionLevel.Socket, SocketOptionName.ReuseAddress, true);
        _listener.Start();
        Port = ((IPEndPoint)_listener.LocalEndpoint).Port;
        _loop = AcceptLoop();
    }

    public int Port { get; }

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
            _ = Serve(client);
        }
    }

    private async Task Serve(Socket client)
    {
        using (client)
        {
            try
            {
                await client.SendAsync(Greeting, SocketFlags.None, _stop.Token);
                using var linger = CancellationTokenSource.CreateLinkedTokenSource(_stop.Token);
                linger.CancelAfter(TimeSpan.FromSeconds(5));
                var sink = new byte[256];
                while (await client.ReceiveAsync(sink, SocketFlags.None, linger.Token) > 0)
                {
                    // Swallow whatever the peer types; the lab never logs anyone in.
                }
            }
            catch (Exception e) when (e is OperationCanceledException or SocketException or ObjectDisposedException)
            {
                // The visitor left or the lab is shutting down.
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Stop();
        await _loop;
        _stop.Dispose();
    }
}
