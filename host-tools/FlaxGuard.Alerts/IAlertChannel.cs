namespace FlaxGuard.Alerts;

/// <summary>
/// Somewhere alerts go. One call sends one alert once (bounded in time); a failure throws
/// <see cref="AlertDeliveryException"/> and the <see cref="Dispatch.AlertDispatcher"/> decides about retrying.
/// </summary>
public interface IAlertChannel : IAsyncDisposable
{
    /// <summary>Where alerts go, safe for logs: kind and host:port only (no path, query, user or secret).</summary>
    string Description { get; }

    Task SendAsync(AlertEvent alert, CancellationToken cancellationToken);
}

/// <summary>A channel that also shows where each device stands (see <see cref="DeviceStatus"/>).</summary>
public interface IDeviceStatusChannel
{
    Task PublishStatusAsync(DeviceStatus status, CancellationToken cancellationToken);
}

/// <summary>
/// An alert could not be delivered. The message is one line without secrets. <see cref="IsPermanent"/> says
/// that trying again cannot help (for example the receiver answered 400 or refused the credentials).
/// </summary>
public sealed class AlertDeliveryException : Exception
{
    public AlertDeliveryException(string message, bool isPermanent = false, Exception? inner = null)
        : base(message, inner)
    {
        IsPermanent = isPermanent;
    }

    public bool IsPermanent { get; }
}

/// <summary>A channel specification or its settings are wrong; the message is one line for the user, without secrets.</summary>
public sealed class AlertConfigException : FormatException
{
    public AlertConfigException(string message) : base(message) { }
}
