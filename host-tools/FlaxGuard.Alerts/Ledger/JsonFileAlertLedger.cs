using System.Text.Json;
using FlaxGuard.Engine.Verdicts;

namespace FlaxGuard.Alerts.Ledger;

/// <summary>
/// A ledger in one JSON file, rewritten atomically on every change (write a temporary file, flush it to disk,
/// rename over the old one), so a crash leaves either the old or the new state, never a torn file. Fine for a
/// few thousand devices; the store's database ledger replaces it for more.
/// <code>
/// { "version": 1, "devices": [ { "appliance": "a1", "device": "d1",
///     "open": [ { "key": "cfg.service.telnet", "severity": "critical", "sentence": "..." } ] } ] }
/// </code>
/// </summary>
public sealed class JsonFileAlertLedger : IAlertLedger
{
    private const int Version = 1;
    private const long MaxFileBytes = 64L * 1024 * 1024;

    private readonly string _path;
    private readonly SemaphoreSlim _lock = new(1, 1);
    private readonly Dictionary<(string Appliance, string Device), Dictionary<string, AlertedFinding>> _open = new();

    private JsonFileAlertLedger(string path) => _path = path;

    public string Path => _path;

    /// <summary>Opens (or starts) the ledger file. A damaged file is an error, not a fresh start: starting
    /// empty would alert every open finding again.</summary>
    public static JsonFileAlertLedger Open(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        var ledger = new JsonFileAlertLedger(System.IO.Path.GetFullPath(path));
        ledger.Load();
        return ledger;
    }

    public async ValueTask<IReadOnlyDictionary<string, AlertedFinding>> GetOpenAsync(string applianceId, string deviceId, CancellationToken cancellationToken)
    {
        await _lock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            return _open.TryGetValue((applianceId, deviceId), out var open)
                ? new Dictionary<string, AlertedFinding>(open, StringComparer.Ordinal)
                : new Dictionary<string, AlertedFinding>();
        }
        finally
        {
            _lock.Release();
        }
    }

    public async ValueTask SetOpenAsync(string applianceId, string deviceId, IReadOnlyDictionary<string, AlertedFinding> open, CancellationToken cancellationToken)
    {
        await _lock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (open.Count == 0) _open.Remove((applianceId, deviceId));
            else _open[(applianceId, deviceId)] = new Dictionary<string, AlertedFinding>(open, StringComparer.Ordinal);
            await SaveAsync(cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            _lock.Release();
        }
    }

    private void Load()
    {
        byte[] data;
        try
        {
            var info = new FileInfo(_path);
            if (!info.Exists) return;
            if (info.Length > MaxFileBytes) throw Damaged("larger than 64 MiB");
            data = File.ReadAllBytes(_path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new InvalidDataException($"alert ledger {_path}: cannot read it ({(e is UnauthorizedAccessException ? "permission denied" : "read error")})");
        }
        try
        {
            using var document = JsonDocument.Parse(data, new JsonDocumentOptions { MaxDepth = 8 });
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("version", out var version) || version.ValueKind != JsonValueKind.Number || version.GetInt32() != Version)
                throw Damaged("not a version 1 alert ledger");
            if (!root.TryGetProperty("devices", out var devices) || devices.ValueKind != JsonValueKind.Array) throw Damaged("no device list");
            foreach (var device in devices.EnumerateArray())
            {
                var appliance = RequiredText(device, "appliance");
                var deviceId = RequiredText(device, "device");
                if (!device.TryGetProperty("open", out var open) || open.ValueKind != JsonValueKind.Array) throw Damaged("a device has no list of open findings");
                var findings = new Dictionary<string, AlertedFinding>(StringComparer.Ordinal);
                foreach (var finding in open.EnumerateArray())
                {
                    if (!SeverityNames.TryParse(RequiredText(finding, "severity"), out var severity) || severity == Severity.None) throw Damaged("unknown severity");
                    findings[RequiredText(finding, "key")] = new AlertedFinding(severity, RequiredText(finding, "sentence"));
                }
                if (findings.Count > 0) _open[(appliance, deviceId)] = findings;
            }
        }
        catch (FormatException)
        {
            throw Damaged("a field is missing or not text");
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException)
        {
            throw Damaged("not valid JSON");
        }
    }

    private async Task SaveAsync(CancellationToken cancellationToken)
    {
        var directory = System.IO.Path.GetDirectoryName(_path)!;
        Directory.CreateDirectory(directory);
        var temporary = _path + ".tmp";
        await using (var stream = new FileStream(temporary, FileMode.Create, FileAccess.Write, FileShare.None, 16 * 1024, FileOptions.Asynchronous))
        {
            await using (var json = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true }))
            {
                json.WriteStartObject();
                json.WriteNumber("version", Version);
                json.WriteStartArray("devices");
                foreach (var ((appliance, device), open) in _open.OrderBy(p => p.Key.Appliance, StringComparer.Ordinal).ThenBy(p => p.Key.Device, StringComparer.Ordinal))
                {
                    json.WriteStartObject();
                    json.WriteString("appliance", appliance);
                    json.WriteString("device", device);
                    json.WriteStartArray("open");
                    foreach (var (key, finding) in open.OrderBy(p => p.Key, StringComparer.Ordinal))
                    {
                        json.WriteStartObject();
                        json.WriteString("key", key);
                        json.WriteString("severity", SeverityNames.Name(finding.Severity));
                        json.WriteString("sentence", finding.Sentence);
                        json.WriteEndObject();
                    }
                    json.WriteEndArray();
                    json.WriteEndObject();
                }
                json.WriteEndArray();
                json.WriteEndObject();
            }
            stream.Flush(flushToDisk: true);
        }
        File.Move(temporary, _path, overwrite: true);
    }

    private static string RequiredText(JsonElement element, string name)
    {
        if (element.ValueKind != JsonValueKind.Object || !element.TryGetProperty(name, out var value) || value.ValueKind != JsonValueKind.String)
            throw new FormatException(name);
        return value.GetString()!;
    }

    private InvalidDataException Damaged(string why) =>
        new($"alert ledger {_path} is damaged ({why}); move it away to start over (open findings will then be alerted again)");
}
