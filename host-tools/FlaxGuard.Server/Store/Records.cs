using FlaxGuard.Engine.Reports;
using FlaxGuard.Engine.Verdicts;

namespace FlaxGuard.Server.Store;

/// <summary>An enrolled appliance (ESP32 dongle or Linux agent). The key stays sealed here.</summary>
/// <param name="KeyRotatedAt">When 'agent rekey' last replaced the key (null: the key it was enrolled with).</param>
public sealed record ApplianceRecord(
    string Id, string Name, byte[] KeySealed, int IntervalSeconds, long JobVersion, long CreatedAt,
    long? LastSeen, long LastCounter, int? QueueLength, long? KeyRotatedAt = null);

/// <summary>A checked router or camera. User and password stay sealed here.</summary>
/// <param name="FactoryCheck">The owner opted the device in to the factory-password check (off by default).</param>
/// <param name="InventoryIntervalSeconds">Seconds between two full TCP inventories (1-65535) of the device; 0 for none (default daily).</param>
public sealed record DeviceRecord(
    string Id, string Name, string ApplianceId, string Address, string Profile, string Ports,
    byte[]? UserSealed, byte[]? PasswordSealed, long CreatedAt, string DnsResolver = "", byte[]? SnmpSealed = null, bool FactoryCheck = false,
    int InventoryIntervalSeconds = FlaxGuard.Engine.Jobs.JobLimits.DefaultInventoryIntervalSeconds);

public enum BaselineState { Proposed, Approved, Rejected, Replaced }

public sealed record BaselineRecord(long Id, string DeviceId, BaselineState State, byte[] Facts, long CreatedAt, long? DecidedAt);

/// <summary>What one report said about one device, with drift against the approved baseline at that time.</summary>
public sealed record TargetResultRecord(
    long Id, long ReportId, string DeviceId, byte[] Facts, IReadOnlyList<StoredVerdict> Verdicts, IReadOnlyList<StoredDrift> Drift,
    Severity Worst, bool Unverified, string? Firmware, long ReceivedAt, bool HasBaseline);

public sealed record StoredVerdict(VerdictKind Kind, Severity Severity, string Code, string Subject, string Message);

public sealed record StoredDrift(string Kind, string Key, string? OldValue, string? NewValue, Severity Severity, string Explanation);

/// <summary>A deduplicated finding: one row per device and key for as long as it lasts.</summary>
public sealed record FindingRecord(long Id, string DeviceId, string Key, Severity Severity, string Sentence, long FirstSeen, long LastSeen, long? ResolvedAt);

public enum FindingChangeKind { New, Changed, Resolved }

/// <summary>A finding that appeared, changed severity or wording, or went away with a stored report.</summary>
public sealed record FindingChange(FindingChangeKind Kind, string DeviceId, string DeviceName, string Key, Severity Severity, string Sentence, long FirstSeen, long At);

/// <summary>A verified report waiting to be stored.</summary>
/// <param name="Digest">SHA-256 of the report's signed bytes, which tells a second copy of a report from another report under the same counter.</param>
public sealed record IngestItem(Report Report, int SizeBytes, long ReceivedAt, int? QueueLength, byte[] Digest);

/// <summary>What the store did with a report. A report is unique by (appliance, counter): <see cref="Duplicate"/> is that
/// very report again (same digest), <see cref="CounterConflict"/> another report under a counter already taken.</summary>
public enum IngestStatus { Stored, Duplicate, CounterConflict, UnknownAppliance }

/// <param name="NewLanDevices">Devices a LAN inventory report showed for the first time on that appliance's network (none for its first inventory, the baseline).</param>
public sealed record IngestResult(IngestStatus Status, long LastCounter, IReadOnlyList<FindingChange> Changes, IReadOnlyList<LanDeviceRecord>? NewLanDevices = null);

/// <summary>
/// A device an appliance found on its LAN. Identity is (appliance, address); a different MAC at a known address is a new device.
/// Times are the sealed times of the inventory reports. <paramref name="EnrolledDeviceId"/>: the enrolled device of that appliance
/// at this address (it is checked), else null.
/// </summary>
public sealed record LanDeviceRecord(
    long Id, string ApplianceId, string Network, string Address, string Mac, string Vendor, string Model, string Name, string Kind,
    string Profile, string Confidence, string Reason, int Sources, string Ports, long FirstSeen, long LastSeen, string? EnrolledDeviceId)
{
    /// <summary>What it says it is, in one line ("OpenWrt FlaxRouter 23.05.3", else its name, else its kind).</summary>
    public string Identity
    {
        get
        {
            var text = string.Join(' ', new[] { Vendor, Model }.Where(s => s.Length > 0));
            if (Name.Length > 0) text = text.Length == 0 ? Name : $"{text} ({Name})";
            return text.Length > 0 ? text : Kind.Length > 0 ? Kind : "unidentified device";
        }
    }
}
