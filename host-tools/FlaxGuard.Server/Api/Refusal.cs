namespace FlaxGuard.Server.Api;

/// <summary>Why a request was refused: the HTTP status, the counter name, and the reason in words.</summary>
public sealed record Refusal(int Status, string Error, string Reason)
{
    /// <summary>With <see cref="CounterConflict"/>: the highest counter stored from the appliance.</summary>
    public long? HighWater { get; init; }

    public const string Oversized = "oversized";
    public const string Malformed = "malformed";
    public const string BadSignature = "bad-signature";
    public const string UnknownDevice = "unknown-device";
    public const string Duplicate = "duplicate";
    public const string CounterConflict = "counter-conflict";
    public const string OutsideTimeWindow = "outside-time-window";
    /// <summary>The appliance already stored its quota of bytes this hour (<see cref="ApplianceQuota"/>).</summary>
    public const string QuotaExceeded = "appliance-quota";
    public const string JobUnauthenticated = "job-unauthenticated";
    public const string JobUnknownDevice = "job-unknown-device";

    /// <summary>Not well-formed HTTP (a broken chunk, an unreadable form).</summary>
    public const string BadRequest = "bad-request";

    /// <summary>The Host header names a host this server does not answer to (DNS rebinding, a misdirected request).</summary>
    public const string UnknownHost = "unknown-host";
}
