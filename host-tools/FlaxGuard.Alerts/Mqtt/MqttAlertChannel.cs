using System.Collections.Concurrent;
using System.Text;
using FlaxGuard.Alerts.Webhook;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using MQTTnet;
using MQTTnet.Adapter;
using MQTTnet.Exceptions;
using MQTTnet.Protocol;

namespace FlaxGuard.Alerts.Mqtt;

/// <summary>
/// Publishes alerts to an MQTT broker for Home Assistant (topics in <see cref="HomeAssistantDiscovery"/>):
/// retained discovery config per device, retained "ON"/"OFF" state and JSON attributes, a non-retained event
/// per alert (the webhook JSON), and a retained availability topic ("online"; the broker publishes "offline"
/// as our last will). When Home Assistant announces itself ("online" on &lt;discovery_prefix&gt;/status, its birth
/// message) every known device's discovery config is published again, as HA's docs ask.
/// </summary>
public sealed class MqttAlertChannel : IAlertChannel, IDeviceStatusChannel
{
    private readonly MqttOptions _options;
    private readonly ILogger _logger;
    private readonly MqttClientFactory _factory = new();
    private readonly IMqttClient _client;
    private readonly SemaphoreSlim _lock = new(1, 1);
    private readonly ConcurrentDictionary<string, string> _knownDevices = new(StringComparer.Ordinal); // object id -> name
    private readonly CancellationTokenSource _closing = new();
    private Task _republishing = Task.CompletedTask;
    private int _birthRepublishCount;

    public MqttAlertChannel(MqttOptions options, ILogger? logger = null)
    {
        _options = options ?? throw new ArgumentNullException(nameof(options));
        _logger = logger ?? NullLogger.Instance;
        _client = _factory.CreateMqttClient();
        _client.ApplicationMessageReceivedAsync += OnMessageAsync;
    }

    public string Description => _options.Description;

    /// <summary>How often a Home Assistant birth message made this channel publish discovery again.</summary>
    public int BirthRepublishCount => Volatile.Read(ref _birthRepublishCount);

    public async Task SendAsync(AlertEvent alert, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(alert);
        var objectId = HomeAssistantDiscovery.ObjectId(alert.ApplianceId, alert.DeviceId);
        await RunAsync(async token =>
        {
            await AnnounceAsync(objectId, alert.DeviceName, token).ConfigureAwait(false);
            await PublishAsync(HomeAssistantDiscovery.AttributesTopic(_options, objectId), HomeAssistantDiscovery.AttributesPayload(alert), retain: true, token).ConfigureAwait(false);
            await PublishAsync(HomeAssistantDiscovery.StateTopic(_options, objectId),
                Encoding.ASCII.GetBytes(HomeAssistantDiscovery.StatePayload(alert.OpenFindings)), retain: true, token).ConfigureAwait(false);
            await PublishAsync(HomeAssistantDiscovery.EventTopic(_options, objectId), WebhookChannel.Serialize(alert), retain: false, token).ConfigureAwait(false);
        }, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Runs publishing steps on a connected client, bounded by the timeout; failures become <see cref="AlertDeliveryException"/>.</summary>
    private async Task RunAsync(Func<CancellationToken, Task> steps, CancellationToken cancellationToken)
    {
        using var attempt = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        attempt.CancelAfter(_options.Timeout);
        await _lock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            await EnsureConnectedAsync(attempt.Token).ConfigureAwait(false);
            await steps(attempt.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            await DropConnectionAsync().ConfigureAwait(false);
            throw new AlertDeliveryException($"{Description}: the broker did not answer within {_options.Timeout.TotalSeconds:0} s");
        }
        catch (Exception e) when (e is not (OperationCanceledException or AlertDeliveryException or ArgumentException))
        {
            // MQTTnet reports broken connections with several exception types; all mean "try again later".
            await DropConnectionAsync().ConfigureAwait(false);
            throw new AlertDeliveryException($"{Description}: {CommunicationProblem(e)}", inner: e);
        }
        finally
        {
            _lock.Release();
        }
    }

    private async Task AnnounceAsync(string objectId, string deviceName, CancellationToken cancellationToken)
    {
        if (_knownDevices.TryGetValue(objectId, out var knownName) && knownName == deviceName) return;
        await PublishAsync(HomeAssistantDiscovery.ConfigTopic(_options, objectId),
            HomeAssistantDiscovery.ConfigPayload(_options, objectId, deviceName), retain: true, cancellationToken).ConfigureAwait(false);
        _knownDevices[objectId] = deviceName;
    }

    /// <summary>Announces a device (discovery config if new or renamed) and its ON/OFF state, both retained.</summary>
    public async Task PublishStatusAsync(DeviceStatus status, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(status);
        var objectId = HomeAssistantDiscovery.ObjectId(status.ApplianceId, status.DeviceId);
        await RunAsync(async token =>
        {
            await AnnounceAsync(objectId, status.DeviceName, token).ConfigureAwait(false);
            await PublishAsync(HomeAssistantDiscovery.StateTopic(_options, objectId),
                Encoding.ASCII.GetBytes(HomeAssistantDiscovery.StatePayload(status.OpenFindings)), retain: true, token).ConfigureAwait(false);
        }, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Publishes the discovery config of every device this channel has alerted about (retained).</summary>
    public Task PublishDiscoveryAsync(CancellationToken cancellationToken) => RunAsync(PublishKnownDevicesAsync, cancellationToken);

    private async Task PublishKnownDevicesAsync(CancellationToken cancellationToken)
    {
        foreach (var (objectId, name) in _knownDevices)
        {
            await PublishAsync(HomeAssistantDiscovery.ConfigTopic(_options, objectId),
                HomeAssistantDiscovery.ConfigPayload(_options, objectId, name), retain: true, cancellationToken).ConfigureAwait(false);
        }
    }

    private async Task EnsureConnectedAsync(CancellationToken cancellationToken)
    {
        if (_client.IsConnected) return;
        var builder = new MqttClientOptionsBuilder()
            .WithTcpServer(_options.Host, _options.Port)
            .WithClientId(_options.ClientId)
            .WithCleanSession()
            .WithKeepAlivePeriod(TimeSpan.FromSeconds(30))
            .WithTimeout(_options.Timeout)
            .WithWillTopic(HomeAssistantDiscovery.AvailabilityTopic(_options))
            .WithWillPayload(HomeAssistantDiscovery.OfflinePayload)
            .WithWillRetain()
            .WithWillQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce);
        if (_options.UserName is not null) builder.WithCredentials(_options.UserName, _options.Password);
        MqttClientConnectResult result;
        try
        {
            result = await _client.ConnectAsync(builder.Build(), cancellationToken).ConfigureAwait(false);
        }
        catch (MqttConnectingFailedException e)
        {
            var code = CodeFromMessage(e.Message);
            throw new AlertDeliveryException($"{Description}: the broker refused the connection ({RefusalReason(code)})",
                isPermanent: IsCredentialProblem(code), inner: e);
        }
        if (result.ResultCode != MqttClientConnectResultCode.Success)
        {
            throw new AlertDeliveryException($"{Description}: the broker refused the connection ({RefusalReason(result.ResultCode)})",
                isPermanent: IsCredentialProblem(result.ResultCode));
        }
        await _client.SubscribeAsync(_factory.CreateSubscribeOptionsBuilder()
            .WithTopicFilter(HomeAssistantDiscovery.BirthTopic(_options), MqttQualityOfServiceLevel.AtLeastOnce)
            .Build(), cancellationToken).ConfigureAwait(false);
        await PublishAsync(HomeAssistantDiscovery.AvailabilityTopic(_options), Encoding.ASCII.GetBytes(HomeAssistantDiscovery.OnlinePayload), retain: true, cancellationToken).ConfigureAwait(false);
        // After a reconnect the broker may have lost what we published (no persistence): announce again.
        await PublishKnownDevicesAsync(cancellationToken).ConfigureAwait(false);
    }

    private async Task PublishAsync(string topic, byte[] payload, bool retain, CancellationToken cancellationToken)
    {
        var message = new MqttApplicationMessageBuilder()
            .WithTopic(topic)
            .WithPayload(payload)
            .WithRetainFlag(retain)
            .WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce)
            .Build();
        var result = await _client.PublishAsync(message, cancellationToken).ConfigureAwait(false);
        if (result.ReasonCode is not (MqttClientPublishReasonCode.Success or MqttClientPublishReasonCode.NoMatchingSubscribers))
        {
            var permanent = result.ReasonCode is MqttClientPublishReasonCode.NotAuthorized or MqttClientPublishReasonCode.TopicNameInvalid;
            throw new AlertDeliveryException($"{Description}: the broker did not accept a message ({result.ReasonCode})", isPermanent: permanent);
        }
    }

    private Task OnMessageAsync(MqttApplicationMessageReceivedEventArgs e)
    {
        var message = e.ApplicationMessage;
        if (message.Topic != HomeAssistantDiscovery.BirthTopic(_options)) return Task.CompletedTask;
        if (message.Payload.Length > 64) return Task.CompletedTask;
        if (message.ConvertPayloadToString() != HomeAssistantDiscovery.OnlinePayload) return Task.CompletedTask;
        // Publishing from inside the receive callback would wait on the loop that runs the callback: hand it off.
        lock (_closing)
        {
            if (_closing.IsCancellationRequested) return Task.CompletedTask;
            _republishing = _republishing.ContinueWith(_ => RepublishAfterBirthAsync(), TaskScheduler.Default).Unwrap();
        }
        return Task.CompletedTask;
    }

    private async Task RepublishAfterBirthAsync()
    {
        try
        {
            await PublishDiscoveryAsync(_closing.Token).ConfigureAwait(false);
            Interlocked.Increment(ref _birthRepublishCount);
            _logger.LogInformation("Home Assistant came online: discovery published again for {Count} device(s) via {Channel}", _knownDevices.Count, Description);
        }
        catch (OperationCanceledException) when (_closing.IsCancellationRequested)
        {
            // Shutting down.
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            _logger.LogWarning("Could not publish discovery again after Home Assistant came online via {Channel}: {Reason}", Description, e.Message);
        }
    }

    private async Task DropConnectionAsync()
    {
        try
        {
            if (_client.IsConnected) await _client.DisconnectAsync(new MqttClientDisconnectOptions(), CancellationToken.None).ConfigureAwait(false);
        }
        catch (Exception e) when (e is MqttCommunicationException or OperationCanceledException or InvalidOperationException)
        {
            // Already broken; the next send connects again.
        }
    }

    /// <summary>MQTTnet 5 names the CONNACK result code only in the exception's message.</summary>
    private static MqttClientConnectResultCode CodeFromMessage(string message)
    {
        foreach (var code in Enum.GetValues<MqttClientConnectResultCode>())
        {
            if (code != MqttClientConnectResultCode.Success && message.Contains(code.ToString(), StringComparison.Ordinal)) return code;
        }
        return MqttClientConnectResultCode.UnspecifiedError;
    }

    private static bool IsCredentialProblem(MqttClientConnectResultCode code) =>
        code is MqttClientConnectResultCode.BadUserNameOrPassword or MqttClientConnectResultCode.NotAuthorized or MqttClientConnectResultCode.Banned;

    private static string RefusalReason(MqttClientConnectResultCode code) => code switch
    {
        MqttClientConnectResultCode.BadUserNameOrPassword => "bad user name or password",
        MqttClientConnectResultCode.NotAuthorized => "not authorized",
        MqttClientConnectResultCode.ClientIdentifierNotValid => "client id not accepted",
        MqttClientConnectResultCode.ServerUnavailable => "server unavailable",
        _ => code.ToString(),
    };

    private static string CommunicationProblem(Exception e)
    {
        for (Exception? inner = e; inner is not null; inner = inner.InnerException)
        {
            if (inner is System.Net.Sockets.SocketException socket)
            {
                return socket.SocketErrorCode switch
                {
                    System.Net.Sockets.SocketError.ConnectionRefused => "connection refused (is the broker listening?)",
                    System.Net.Sockets.SocketError.HostNotFound or System.Net.Sockets.SocketError.TryAgain => "the host name does not resolve",
                    _ => "network error " + socket.SocketErrorCode,
                };
            }
        }
        return e is MqttCommunicationTimedOutException ? "timed out" : "connection lost";
    }

    public async ValueTask DisposeAsync()
    {
        Task republishing;
        lock (_closing)
        {
            _closing.Cancel();
            republishing = _republishing;
        }
        try
        {
            await republishing.ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
        }
        await _lock.WaitAsync().ConfigureAwait(false);
        try
        {
            if (_client.IsConnected)
            {
                using var bounded = new CancellationTokenSource(_options.Timeout);
                try
                {
                    // A clean goodbye does not trigger the will, so say "offline" ourselves.
                    await PublishAsync(HomeAssistantDiscovery.AvailabilityTopic(_options), Encoding.ASCII.GetBytes(HomeAssistantDiscovery.OfflinePayload), retain: true, bounded.Token).ConfigureAwait(false);
                    await _client.DisconnectAsync(new MqttClientDisconnectOptions(), bounded.Token).ConfigureAwait(false);
                }
                catch (Exception e) when (e is MqttCommunicationException or OperationCanceledException or AlertDeliveryException)
                {
                    // Going away anyway; the broker publishes the will.
                }
            }
            _client.Dispose();
        }
        finally
        {
            _lock.Release();
            _closing.Dispose();
        }
    }
}
