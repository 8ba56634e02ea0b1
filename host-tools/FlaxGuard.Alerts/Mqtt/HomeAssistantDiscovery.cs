using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using FlaxGuard.Engine.Verdicts;

namespace FlaxGuard.Alerts.Mqtt;

/// <summary>
/// Topics and payloads for Home Assistant's device-based MQTT discovery
/// (<c>&lt;discovery_prefix&gt;/device/&lt;object_id&gt;/config</c> with "dev", "o" and "cmps"): each checked device
/// becomes one HA device with one binary_sensor component of device_class "problem" that is ON while the
/// device has open findings. Payload shape checked against Home Assistant's MQTT docs ("Device discovery
/// payload") and its core tests (TEST_DEVICE_CONFIG in tests/components/mqtt/test_discovery.py).
/// </summary>
public static class HomeAssistantDiscovery
{
    public const string ComponentId = "problem";
    public const string OnlinePayload = "online";
    public const string OfflinePayload = "offline";

    /// <summary>
    /// The object id for a device: a readable slug of the device id plus 8 hex of SHA-256 over appliance and
    /// device id, so it only holds [a-z0-9_-] (HA's rule for topic ids), is stable, and two ids that slug alike
    /// never collide.
    /// </summary>
    public static string ObjectId(string applianceId, string deviceId)
    {
        var slug = new StringBuilder();
        foreach (var c in deviceId.ToLowerInvariant())
        {
            if (slug.Length == 40) break;
            if (c is >= 'a' and <= 'z' or >= '0' and <= '9' or '-' or '_') slug.Append(c);
            else if (slug.Length > 0 && slug[^1] != '_') slug.Append('_');
        }
        var digest = SHA256.HashData(Encoding.UTF8.GetBytes(applianceId + "\n" + deviceId));
        return "flaxguard_" + (slug.Length > 0 ? slug.ToString().TrimEnd('_') + "_" : "") + Convert.ToHexStringLower(digest, 0, 4);
    }

    public static string AvailabilityTopic(MqttOptions options) => options.TopicPrefix + "/status";
    public static string BirthTopic(MqttOptions options) => options.DiscoveryPrefix + "/status";
    public static string ConfigTopic(MqttOptions options, string objectId) => $"{options.DiscoveryPrefix}/device/{objectId}/config";
    public static string StateTopic(MqttOptions options, string objectId) => $"{options.TopicPrefix}/{objectId}/state";
    public static string AttributesTopic(MqttOptions options, string objectId) => $"{options.TopicPrefix}/{objectId}/attributes";
    public static string EventTopic(MqttOptions options, string objectId) => $"{options.TopicPrefix}/{objectId}/event";

    /// <summary>"ON" while the device has open findings, else "OFF" (binary_sensor defaults).</summary>
    public static string StatePayload(int openFindings) => openFindings > 0 ? "ON" : "OFF";

    public static byte[] ConfigPayload(MqttOptions options, string objectId, string deviceName)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteStartObject("dev");
            json.WriteStartArray("ids");
            json.WriteStringValue(objectId);
            json.WriteEndArray();
            json.WriteString("name", deviceName.Length > 0 ? deviceName : objectId);
            json.WriteString("mf", "FlaxGuard");
            json.WriteString("mdl", "Checked device");
            json.WriteEndObject();
            json.WriteStartObject("o");
            json.WriteString("name", "FlaxGuard");
            json.WriteString("sw", typeof(HomeAssistantDiscovery).Assembly.GetName().Version?.ToString(3) ?? "1.0.0");
            json.WriteEndObject();
            json.WriteStartObject("cmps");
            json.WriteStartObject(ComponentId);
            json.WriteString("p", "binary_sensor");
            json.WriteString("device_class", "problem");
            json.WriteString("unique_id", objectId + "_" + ComponentId);
            json.WriteString("name", "Integrity problem");
            json.WriteString("state_topic", StateTopic(options, objectId));
            json.WriteString("payload_on", "ON");
            json.WriteString("payload_off", "OFF");
            json.WriteString("json_attributes_topic", AttributesTopic(options, objectId));
            json.WriteString("availability_topic", AvailabilityTopic(options));
            json.WriteString("payload_available", OnlinePayload);
            json.WriteString("payload_not_available", OfflinePayload);
            json.WriteEndObject();
            json.WriteEndObject();
            json.WriteNumber("qos", 1);
            json.WriteEndObject();
        }
        return buffer.ToArray();
    }

    /// <summary>The attributes HA shows on the binary sensor: counts and the latest alert.</summary>
    public static byte[] AttributesPayload(AlertEvent alert)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteString("appliance_id", alert.ApplianceId);
            json.WriteString("device_id", alert.DeviceId);
            json.WriteNumber("open_findings", alert.OpenFindings);
            json.WriteString("worst_open_severity", SeverityNames.Name(alert.WorstOpenSeverity));
            json.WriteString("last_state", alert.StateName);
            json.WriteString("last_severity", alert.SeverityName);
            json.WriteString("last_key", alert.FindingKey);
            json.WriteString("last_sentence", alert.Sentence);
            json.WriteString("last_time", alert.Time.ToUniversalTime().ToString("O", System.Globalization.CultureInfo.InvariantCulture));
            json.WriteEndObject();
        }
        return buffer.ToArray();
    }
}
