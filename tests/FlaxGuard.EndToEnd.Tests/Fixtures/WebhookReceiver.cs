using System.Net;
using System.Net.Sockets;
using System.Text;

namespace FlaxGuard.EndToEnd.Tests.Fixtures;

/// <summary>An HTTP endpoint on loopback that answers 200 to every POST and keeps the bodies, for alert assertions.</summary>
public sealed class WebhookReceiver : IDisposable
{
    private readonly HttpListener _listener = new();
    private readonly List<(DateTime At, string Body)> _bodies = [];
    private readonly Task _loop;

    public WebhookReceiver()
    {
        using (var probe = new TcpListener(IPAddress.Loopback, 0))
        {
            probe.Start();
            Url = $"http://127.0.0.1:{((IPEndPoint)probe.LocalEndpoint).Port}/flaxguard-alerts/";
        }
        _listener.Prefixes.Add(Url);
        _listener.Start();
        _loop = Task.Run(LoopAsync);
    }

    public string Url { get; }

    public IReadOnlyList<(DateTime At, string Body)> Bodies
    {
        get
        {
            lock (_bodies) return _bodies.ToList();
        }
    }

    private async Task LoopAsync()
    {
        while (_listener.IsListening)
        {
            HttpListenerContext context;
            try
            {
                context = await _listener.GetContextAsync();
            }
            catch (Exception e) when (e is HttpListenerException or ObjectDisposedException or InvalidOperationException)
            {
                return;
            }
            using var reader = new StreamReader(context.Request.InputStream, Encoding.UTF8);
            var body = await reader.ReadToEndAsync();
            if (body.Length > 1_000_000) body = body[..1_000_000];
            lock (_bodies) _bodies.Add((DateTime.UtcNow, body));
            context.Response.StatusCode = 200;
            context.Response.Close();
        }
    }

    public void Dispose()
    {
        _listener.Stop();
        _listener.Close();
        _loop.Wait(TimeSpan.FromSeconds(5));
    }
}
