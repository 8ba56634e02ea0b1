using System.Net;
using FlaxGuard.Engine.Reports;

namespace FlaxGuard.Server.Api;

public sealed class ServerOptions
{
    public const string DefaultListen = "127.0.0.1:8443";

    /// <summary>Address and port to listen on; port 0 picks a free one (tests).</summary>
    public IPEndPoint Listen { get; init; } = IPEndPoint.Parse(DefaultListen);

    /// <summary>Largest report accepted; the body is never buffered beyond this.</summary>
    public int MaxReportBytes { get; init; } = ReportLimits.MaxEnvelopeBytes;

    /// <summary>How far a report's or job request's timestamp may be from the host clock, either way.</summary>
    public long TimeWindowSeconds { get; init; } = 300;

    /// <summary>The hash database version jobs announce ("" for none).</summary>
    public string HashDbVersion { get; init; } = "";

    public static IPEndPoint ParseListen(string text)
    {
        if (IPEndPoint.TryParse(text, out var endpoint) && text.Contains(':') && endpoint.Port is >= 0 and <= 65535
            && (endpoint.AddressFamily == System.Net.Sockets.AddressFamily.InterNetwork ? text.LastIndexOf(':') > 0 : text.StartsWith('[')))
            return endpoint;
        if (text.StartsWith("localhost:", StringComparison.OrdinalIgnoreCase) && int.TryParse(text[10..], out var port) && port is >= 0 and <= 65535)
            return new IPEndPoint(IPAddress.Loopback, port);
        throw new StoreException($"--listen '{text}' is not <address>:<port> (e.g. 127.0.0.1:8443 or [::1]:8443)");
    }
}
