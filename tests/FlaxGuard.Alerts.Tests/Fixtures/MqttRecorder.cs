using System.Collections.Concurrent;
using MQTTnet;
using MQTTnet.Protocol;

namespace FlaxGuard.Alerts.Tests.Fixtures;

/// <summary>One message as a subscriber saw it.</summary>
public sealed record SeenMessage(string Topic, string Payload, bool Retain);

/// <summary>An MQTTnet subscriber on the test side: records every message on a topic filter, with its retain flag.</summary>
public sealed class MqttRecorder : IAsyncDisposable
{
    private readonly IMqttClient _client;
    private readonly ConcurrentQueue<SeenMessage> _seen = new();

    private MqttRecorder(IMqttClient client) => _client = client;

    public IReadOnlyList<SeenMessage> Seen => _seen.ToArray();

    public static async Task<MqttRecorder> ConnectAsync(int port, string filter = "#", string? user = null, string? password = null)
    {
        var factory = new MqttClientFactory();
        var client = factory.CreateMqttClient();
        var recorder = new MqttRecorder(client);
        client.ApplicationMessageReceivedAsync += e =>
        {
            recorder._seen.Enqueue(new SeenMessage(e.ApplicationMessage.Topic, e.ApplicationMessage.ConvertPayloadToString() ?? "", e.ApplicationMessage.Retain));
            return Task.CompletedTask;
        };
        var options = new MqttClientOptionsBuilder().WithTcpServer("127.0.0.1", port).WithClientId("test-recorder-" + Guid.NewGuid().ToString("N")[..8]).WithCleanSession();
        if (user is not null) options.WithCredentials(user, password);
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        await client.ConnectAsync(options.Build(), timeout.Token);
        await client.SubscribeAsync(factory.CreateSubscribeOptionsBuilder().WithTopicFilter(filter, MqttQualityOfServiceLevel.AtLeastOnce).Build(), timeout.Token);
        return recorder;
    }

    public async Task PublishAsync(string topic, string payload, bool retain = false)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        await _client.PublishAsync(new MqttApplicationMessageBuilder().WithTopic(topic).WithPayload(payload).WithRetainFlag(retain)
            .WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce).Build(), timeout.Token);
    }

    /// <summary>Waits until a message matching <paramref name="match"/> has been seen at least <paramref name="count"/> times.</summary>
    public async Task<IReadOnlyList<SeenMessage>> WaitForAsync(Func<SeenMessage, bool> match, int count = 1, int timeoutMs = 10_000, string what = "message")
    {
        var deadline = Environment.TickCount64 + timeoutMs;
        while (true)
        {
            var hits = _seen.Where(match).ToArray();
            if (hits.Length >= count) return hits;
            if (Environment.TickCount64 > deadline)
                Assert.Fail($"saw {hits.Length} {what}(s) within {timeoutMs} ms, expected {count}; topics seen: {string.Join(", ", _seen.Select(s => s.Topic).Distinct())}");
            await Task.Delay(20);
        }
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(5));
            if (_client.IsConnected) await _client.DisconnectAsync(new MqttClientDisconnectOptions(), timeout.Token);
        }
        catch (Exception)
        {
            // The broker may already be gone.
        }
        _client.Dispose();
    }
}
