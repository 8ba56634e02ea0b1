using System.Collections.Concurrent;
using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace FlaxGuard.TestSupport;

/// <summary>One POST the receiver got: headers that matter and the exact body bytes.</summary>
public sealed record ReceivedWebhook(string Path, string? ContentType, string? Signature, string? Delivery, string? EventName, byte[] Body, int AnsweredStatus)
{
    /// <summary>When the receiver got it (UTC), for latency assertions.</summary>
    public DateTime At { get; init; } = DateTime.UtcNow;

    /// <summary>The body as UTF-8 text.</summary>
    public string Text => System.Text.Encoding.UTF8.GetString(Body);
}

/// <summary>
/// A real HTTP endpoint (Kestrel on 127.0.0.1, random port) that records every POST and answers with the
/// status the test chooses: a fixed status, a scripted sequence (e.g. 503, 503, 200), or a stall.
/// </summary>
public sealed class WebhookReceiver : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentQueue<int> _script = new();
    private readonly ConcurrentQueue<ReceivedWebhook> _received = new();
    private readonly SemaphoreSlim _gate = new(0, int.MaxValue);
    private volatile bool _stall;

    private WebhookReceiver(WebApplication app) => _app = app;

    public Uri Url { get; private set; } = null!;

    /// <summary>The status answered when no scripted one is left (200 by default).</summary>
    public int DefaultStatus { get; set; } = 200;

    public IReadOnlyList<ReceivedWebhook> Received => _received.ToArray();

    public static async Task<WebhookReceiver> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(k => k.Listen(IPAddress.Loopback, 0));
        var app = builder.Build();
        var receiver = new WebhookReceiver(app);
        app.MapPost("/{**path}", receiver.HandleAsync);
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
        receiver.Url = new Uri(address.Replace("[::]", "127.0.0.1") + "/hooks/flaxguard");
        return receiver;
    }

    /// <summary>Answers the next requests with these statuses, in order.</summary>
    public void Script(params int[] statuses)
    {
        foreach (var status in statuses) _script.Enqueue(status);
    }

    /// <summary>While stalled, requests wait (up to 30 s) until <see cref="Release"/> lets them through one by one.</summary>
    public void Stall() => _stall = true;

    public void Release(int count) => _gate.Release(count);

    public void Unstall()
    {
        _stall = false;
        _gate.Release(10_000);
    }

    public async Task<IReadOnlyList<ReceivedWebhook>> WaitForAsync(int count, int timeoutMs = 10_000)
    {
        var deadline = Environment.TickCount64 + timeoutMs;
        while (_received.Count < count)
        {
            if (Environment.TickCount64 > deadline) Assert.Fail($"the webhook receiver got {_received.Count} request(s) within {timeoutMs} ms, expected {count}");
            await Task.Delay(20);
        }
        return Received;
    }

    private async Task HandleAsync(HttpContext context)
    {
        if (_stall) await _gate.WaitAsync(TimeSpan.FromSeconds(30), context.RequestAborted);
        using var body = new MemoryStream();
        await context.Request.Body.CopyToAsync(body, context.RequestAborted);
        var status = _script.TryDequeue(out var scripted) ? scripted : DefaultStatus;
        _received.Enqueue(new ReceivedWebhook(
            context.Request.Path.Value ?? "",
            context.Request.ContentType,
            context.Request.Headers["X-FlaxGuard-Signature"].FirstOrDefault(),
            context.Request.Headers["X-FlaxGuard-Delivery"].FirstOrDefault(),
            context.Request.Headers["X-FlaxGuard-Event"].FirstOrDefault(),
            body.ToArray(),
            status));
        context.Response.StatusCode = status;
    }

    public async ValueTask DisposeAsync()
    {
        Unstall();
        using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(5));
        await _app.StopAsync(stop.Token);
        await _app.DisposeAsync();
    }
}
