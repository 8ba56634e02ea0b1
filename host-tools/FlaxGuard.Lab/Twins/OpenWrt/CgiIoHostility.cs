namespace FlaxGuard.Lab.Twins.OpenWrt;

/// <summary>How the twin's cgi-io answers downloads; <see cref="None"/> is the honest router.</summary>
public enum CgiIoHostility
{
    None,
    /// <summary>Declares the partition's length, sends half of it and closes the connection.</summary>
    Truncated,
    /// <summary>Declares no length and streams more bytes than the partition holds.</summary>
    Oversized,
}
