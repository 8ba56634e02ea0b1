using FlaxGuard.Alerts;
using FlaxGuard.Alerts.Dispatch;
using FlaxGuard.Alerts.Ledger;
using FlaxGuard.Server.Ingest;
using FlaxGuard.Server.Store;

namespace FlaxGuard.Server.Alerting;

/// <summary>
/// The alert channels <c>serve</c> was given, their dispatcher, and the sink that feeds it. The ledger of what was
/// already alerted lives in the data directory, so a restarted server sends no alert twice.
/// </summary>
public sealed class ServeAlerts : IAsyncDisposable
{
    public const string LedgerFileName = "alerts-ledger.json";

    private readonly AlertDispatcher? _dispatcher;

    private ServeAlerts(AlertDispatcher? dispatcher, IReadOnlyList<IFindingSink> sinks, IReadOnlyList<string> names)
    {
        _dispatcher = dispatcher;
        Sinks = sinks;
        ChannelNames = names;
    }

    public IReadOnlyList<IFindingSink> Sinks { get; }

    /// <summary>Kind and host:port of each channel, safe to print.</summary>
    public IReadOnlyList<string> ChannelNames { get; }

    public AlertDispatcher? Dispatcher => _dispatcher;

    /// <summary>Builds the channels; a bad specification throws <see cref="StoreException"/> with one line for the user.</summary>
    /// <param name="newDeviceAlerts">Whether a device new on an appliance's LAN raises an alert (serve --no-new-device-alerts turns it off).</param>
    public static ServeAlerts Create(IReadOnlyList<string> specifications, string dataDirectory, IFlaxStore store, bool newDeviceAlerts = true)
    {
        if (specifications.Count == 0) return new ServeAlerts(null, [], []);
        var channels = new List<IAlertChannel>();
        foreach (var specification in specifications)
        {
            if (!AlertChannels.TryCreate(specification, out var channel, out var error))
                throw new StoreException("--alert: " + error);
            channels.Add(channel!);
        }
        Directory.CreateDirectory(dataDirectory);
        JsonFileAlertLedger ledger;
        try
        {
            ledger = JsonFileAlertLedger.Open(Path.Combine(dataDirectory, LedgerFileName));
        }
        catch (Exception e) when (e is InvalidDataException or IOException or UnauthorizedAccessException)
        {
            throw new StoreException(e.Message);
        }
        var dispatcher = new AlertDispatcher(ledger, channels);
        var sink = new AlertFindingSink(store, dispatcher, TimeProvider.System, newDeviceAlerts);
        return new ServeAlerts(dispatcher, [sink], channels.Select(c => c.Description).ToList());
    }

    public async ValueTask DisposeAsync()
    {
        if (_dispatcher is not null) await _dispatcher.DisposeAsync();
    }
}
