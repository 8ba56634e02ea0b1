using FlaxGuard.Engine.Baselines;

namespace FlaxGuard.Cli.Checking;

/// <summary>Everything one <c>flaxguard check</c> needs, already validated.</summary>
public sealed record CheckRequest
{
    public required TargetAddress Target { get; init; }
    public int[]? Ports { get; init; }
    public bool CheckHttp { get; init; } = true;
    public string HttpScheme { get; init; } = "http";
    public int HttpPort { get; init; } = 80;
    public string[] AssetPaths { get; init; } = [];
    public int ConnectTimeoutMs { get; init; } = 1500;
    public int HttpTimeoutMs { get; init; } = 10000;
    public int Concurrency { get; init; } = 16;
    public Baseline? Baseline { get; init; }
}
