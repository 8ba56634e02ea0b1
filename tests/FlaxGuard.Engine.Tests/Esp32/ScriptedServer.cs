using System.Net;
using System.Net.Sockets;

namespace FlaxGuard.Engine.Tests.Esp32;

/// <summary>
/// A loopback TCP server that reads one request per connection and answers with fixed bytes (optionally stalling or
/// closing early): the hostile device the HTTP code must survive. Bounded: 50 connections, 10 s per connection.
/// </summary>
internal sealed class ScriptedServer : IDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;
    private readonly byte[] _answer;
    private readonly int _stallAfterBytes;

    /// <param name="stallAfterBytes">Send this many bytes of the answer, then keep the connection open silently (-1: send all and close).</param>
    public ScriptedServer(byte[] answer, int stallAfterBytes = -1)
    {
        _answer = answer;
        _stallAfterBytes = stallAfterBytes;
        _listener.Start();
        _loop = Task.Run(ServeAsync);
    }

    public int Port => ((IPEndPoint)_listener.LocalEndpoint).Port;
    public string Url => "http://127.0.0.1:" + Port;
    public List<string> Requests { get; } = new();

    private async Task ServeAsync()
    {
        for (int i = 0; i < 50 && !_stop.IsCancellationRequested; i++)
        {
            TcpClient client;
            try { client = await _listener.AcceptTcpClientAsync(_stop.Token); }
            catch (Exception) { return; }
            using (client)
            using (var perConnection = CancellationTokenSource.CreateLinkedTokenSource(_stop.Token))
            {
                perConnection.CancelAfter(10_000);
                try
                {
                    var stream = client.GetStream();
                    var buffer = new byte[8192];
                    int read = 0;
                    while (read < buffer.Length)
                    {
                        int n = await stream.ReadAsync(buffer.AsMemory(read), perConnection.Token);
                        if (n == 0) break;
                        read += n;
                        if (System.Text.Encoding.ASCII.GetString(buffer, 0, read).Contains("\r\n\r\n", StringComparison.Ordinal)) break;
                    }
                    lock (Requests) Requests.Add(System.Text.Encoding.ASCII.GetString(buffer, 0, read));
                    int send = _stallAfterBytes < 0 ? _answer.Length : _stallAfterBytes;
                    await stream.WriteAsync(_answer.AsMemory(0, send), perConnection.Token);
                    if (_stallAfterBytes >= 0) await Task.Delay(10_000, perConnection.Token);
                }
                catch (Exception)
                {
                    // the client went away or the time bound hit: next connection
                }
            }
        }
    }

    public void Dispose()
    {
        _stop.Cancel();
        _listener.Stop();
        try { _loop.Wait(5000); } catch (AggregateException) { }
    }
}
