using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;

namespace FlaxGuard.Cli.Output;

// The shapes the CLI prints or writes as JSON. They are source-generated (CliJsonContext) rather than serialized by
// reflection, so the natively published CLI (Native AOT, where reflection-based System.Text.Json is off) prints them
// too; property names come out camelCase, in declaration order, as the anonymous objects they replace did.

internal sealed record StatusJson(string State, int ExitCode, string Summary, int UncheckedLanDevices, StatusDeviceJson[] Devices);

internal sealed record StatusDeviceJson(string Id, string Name, string Appliance, string State, string Worst, string? Firmware, long? LastReportAgeSeconds, string Reason);

internal sealed record DeviceListJson(string Id, string Name, string ApplianceId, string Appliance, string Address, string Profile, string Ports, bool HasLogin, bool FactoryCheck,
    int PortInventorySeconds);

internal sealed record ProvisioningJson(string Format, string HostUrl, string ApplianceId, string Name, string Key, int IntervalSeconds, string? CaCertificatePem);

internal sealed record DemoProvisioningJson(string Format, string HostUrl, string ApplianceId, string Name, string Key, string CaCertificatePem);

internal sealed record DiscoverJson(string Status, int ExitCode, string Network, long ElapsedMs, int PacketsSent, long AllocatedBytes, int DatagramsReceived,
    TurnedAwayJson TurnedAway, DiscoveredJson[] Devices);

internal sealed record TurnedAwayJson(int OutsideNetwork, int Malformed, int Stray, int OverDeviceCap);

internal sealed record DiscoveredJson(string Address, string? Kind, string? SuggestedProfile, string? Confidence, string? Reason, string Sources,
    string? Manufacturer, string? ModelName, string? ModelNumber, string? UpnpDeviceType, bool Gateway, string? SsdpServer, string? HttpServer,
    string? HttpTitle, string? CertificateSha256, string? CertificateSubject, string? OnvifName, string? OnvifHardware, string? OnvifAddress, string? MdnsName,
    string[] MdnsServices, string[] MdnsTxt, int[] OpenPorts, string? MacVendor);

[JsonSourceGenerationOptions(WriteIndented = true, PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase)]
[JsonSerializable(typeof(StatusJson))]
[JsonSerializable(typeof(DeviceListJson[]))]
[JsonSerializable(typeof(ProvisioningJson))]
[JsonSerializable(typeof(DemoProvisioningJson))]
[JsonSerializable(typeof(DiscoverJson))]
internal sealed partial class CliJsonContext : JsonSerializerContext;

/// <summary>Check results leave out absent fields (no baseline: no "drift").</summary>
[JsonSourceGenerationOptions(WriteIndented = true, PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(JsonRenderer.CheckJson))]
internal sealed partial class CheckJsonContext : JsonSerializerContext;

internal static class CliJson
{
    /// <summary>For files a person reads and pastes (a PEM's '+' stays '+'); the values are the CLI's own, not a device's.</summary>
    private static readonly JsonSerializerOptions Relaxed = new(CliJsonContext.Default.Options) { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static byte[] RelaxedUtf8(ProvisioningJson value) =>
        JsonSerializer.SerializeToUtf8Bytes(value, (JsonTypeInfo<ProvisioningJson>)Relaxed.GetTypeInfo(typeof(ProvisioningJson)));
}
