using FlaxGuard.Engine.Baselines;
using FlaxGuard.Engine.Families;

namespace FlaxGuard.Cli.Checking;

/// <summary>Everything one <c>flaxguard check</c> needs, already validated.</summary>
public sealed record CheckRequest
{
    public required TargetAddress Target { get; init; }
    public int[]? Ports { get; init; }

    /// <summary>Try every TCP port (the full inventory) instead of <see cref="Ports"/>.</summary>
    public bool AllPorts { get; init; }
    public bool CheckHttp { get; init; } = true;
    public string HttpScheme { get; init; } = "http";
    public int HttpPort { get; init; } = 80;
    public string[] AssetPaths { get; init; } = [];
    public int ConnectTimeoutMs { get; init; } = 1500;
    public int HttpTimeoutMs { get; init; } = 10000;
    public int Concurrency { get; init; } = 16;
    public Baseline? Baseline { get; init; }

    /// <summary>Device profile (see ProbeProfiles): "web", or a vendor admin API such as "openwrt".</summary>
    public string Profile { get; init; } = "web";
    public string? User { get; init; }

    /// <summary>Held in memory only; never printed.</summary>
    public string? Password { get; init; }

    /// <summary>Trusted resolver and SNMP credentials (secrets in memory only); the web fingerprint switch for vendor profiles.</summary>
    public ProbeSettings Settings { get; init; } = new();

    /// <summary>Compiled firmware database and the key it is authenticated with, for firmware verdicts.</summary>
    public string? HashDbPath { get; init; }
    public byte[]? HashDbKey { get; init; }
}
