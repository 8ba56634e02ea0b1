namespace FlaxGuard.Server.Api;

/// <summary>Why a request was refused: the HTTP status, the counter name, and the reason in words.</summary>
public sealed record Refusal(int Status, string Error, string Reason)
{
    public const string Oversized = "oversized";
    public const string Malformed = "malformed";
    public const string BadSignature = "bad-signature";
    public const string UnknownDevice = "unknown-device";
    public const string Replayed = "replayed";
    public const string OutsideTimeWindow = "outside-time-window";
    public const string JobUnauthenticated = "job-unauthenticated";
    public const string JobUnknownDevice = "job-unknown-device";
}
